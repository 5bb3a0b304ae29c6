package io.silverback.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An HTTP/1.1 connection to a plain (not TLS) upstream on a bare Netty channel of the event loop
 * that serves the client: Netty's client codec and this handler, nothing else. One request at a
 * time: {@link #send} writes it whole (no body, or a body a plugin buffered), {@link #stream}
 * writes its head and hands back the {@link BodyUpload.Target} its body streams to; the
 * response's head and body come back to its {@link Listener} and {@link PlainResponse}.
 *
 * <p>Why not Vert.x's client connection, as https upstreams and WebSocket handshakes still use: per request it builds a request and a response object, a stream, a
 * chain of futures and a copy of every header, and turns every response header into a String;
 * measured on 2 cores this path proxies 11 to 22 % more requests per second in A/B runs
 * ({@code bench/RESULTS.md}). The decoder makes the response headers Vert.x headers directly, so
 * the relay copies them without a conversion.
 */
final class PlainChannel extends ChannelInboundHandlerAdapter {
  /** Response headers as Vert.x's own map (it is also Netty's {@link HttpHeaders}). */
  private static final HttpHeadersFactory VERTX_HEADERS = new HttpHeadersFactory() {
    @Override
    public HttpHeaders newHeaders() {
      return (HttpHeaders) io.vertx.core.http.HttpHeaders.headers();
    }

    @Override
    public HttpHeaders newEmptyHeaders() {
      return (HttpHeaders) io.vertx.core.http.HttpHeaders.headers();
    }
  };

  /** What the request in flight hears before its response's head. */
  interface Listener {
    /** The request went out whole. */
    void written();

    /** The response head arrived; its body follows on {@code response}. */
    void responded(PlainResponse response);

    /** Writing or reading failed, or the connection closed, before a response head. */
    void failed(Throwable cause);
  }

  private Channel channel;
  private Runnable onClose;
  private Listener listener;
  private PlainResponse response;
  /** The streamed body's waiter for room in the write queue, and its failure handler. */
  private Handler<Void> drain;
  private Handler<Throwable> uploadFailed;
  /** A 1xx head came: the real one follows its end. */
  private boolean informational;

  private PlainChannel() {}

  /**
   * A new connection to {@code host}:{@code port} on the calling event loop's channel; the name is
   * resolved by Vert.x's resolver (an {@link java.net.UnknownHostException} when it does not).
   *
   * @param onClose runs once when the connection closes
   */
  static Future<PlainChannel> connect(VertxInternal vertx, String host, int port, int maxHeaderSize,
      long connectTimeoutMillis, Runnable onClose) {
    ContextInternal context = vertx.getOrCreateContext();
    Promise<PlainChannel> made = context.promise();
    vertx.nameResolver().resolve(host).onComplete(resolved -> {
      if (resolved.failed()) {
        made.fail(resolved.cause());
        return;
      }
      PlainChannel plain = new PlainChannel();
      plain.onClose = onClose;
      HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(4096)
          .setMaxHeaderSize(maxHeaderSize).setMaxChunkSize(8192).setHeadersFactory(VERTX_HEADERS)
          .setTrailersFactory(VERTX_HEADERS);
      InetAddress address = resolved.result();
      new Bootstrap().group(context.nettyEventLoop()).channelFactory(vertx.transport().channelFactory(false))
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
              (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeoutMillis)))
          .handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
              c.pipeline().addLast(new HttpClientCodec(decoder, false, false), plain);
            }
          })
          .connect(new InetSocketAddress(address, port))
          .addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
              plain.channel = f.channel();
              made.complete(plain);
            } else {
              made.fail(f.cause());
            }
          });
    });
    return made.future();
  }

  /**
   * Sends a request whole: {@code headers} (Vert.x's map, sent as they are, with {@code Host} set to
   * {@code host}) and {@code body} (null for none, else with its {@code Content-Length}).
   */
  void send(HttpMethod method, String uri, MultiMap headers, String host, Buffer body, Listener listener) {
    HttpHeaders netty = begin(headers, host, listener);
    ByteBuf content = Unpooled.EMPTY_BUFFER;
    if (body != null) {
      content = Unpooled.wrappedBuffer(body.getBytes());
      netty.set(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(content.readableBytes()));
    }
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
        io.netty.handler.codec.http.HttpMethod.valueOf(method.name()), uri, content, netty, EmptyHttpHeaders.INSTANCE);
    channel.writeAndFlush(request).addListener(f -> {
      if (this.listener != listener) {
        return;
      }
      if (f.isSuccess()) {
        listener.written();
      } else {
        failBeforeHead(f.cause());
      }
    });
  }

  /**
   * Sends a request head whose body follows, streamed, to the returned target: with the client's
   * {@code Content-Length} when {@code headers} carry one, else chunked. The listener hears
   * {@link Listener#written()} once the body's end is written.
   */
  BodyUpload.Target stream(HttpMethod method, String uri, MultiMap headers, String host, Listener listener) {
    HttpHeaders netty = begin(headers, host, listener);
    if (!netty.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      netty.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    channel.writeAndFlush(new DefaultHttpRequest(HttpVersion.HTTP_1_1,
        io.netty.handler.codec.http.HttpMethod.valueOf(method.name()), uri, netty)).addListener(f -> {
          if (!f.isSuccess() && this.listener == listener) {
            failBeforeHead(f.cause());
          }
        });
    return new BodyUpload.Target() {
      @Override
      public void write(Buffer chunk) {
        channel.writeAndFlush(new DefaultHttpContent(((BufferInternal) chunk).getByteBuf()));
      }

      @Override
      public Future<Void> end() {
        Promise<Void> ended = Promise.promise();
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
          if (f.isSuccess()) {
            if (PlainChannel.this.listener == listener) {
              listener.written();
            }
            ended.tryComplete();
          } else {
            ended.tryFail(f.cause());
          }
        });
        return ended.future();
      }

      @Override
      public boolean writeQueueFull() {
        return !channel.isWritable();
      }

      @Override
      public void drainHandler(Handler<Void> handler) {
        drain = handler;
      }

      @Override
      public void exceptionHandler(Handler<Throwable> handler) {
        uploadFailed = handler;
      }

      @Override
      public void reset() {
        hardClose();
      }
    };
  }

  /** The headers of a new request on this channel, with {@code Host}; {@code listener} hears of it. */
  private HttpHeaders begin(MultiMap headers, String host, Listener listener) {
    this.listener = listener;
    this.response = null;
    this.informational = false;
    this.drain = null;
    this.uploadFailed = null;
    HttpHeaders netty = headers instanceof HttpHeaders h ? h : copy(headers);
    netty.set(HttpHeaderNames.HOST, host);
    return netty;
  }

  /**
   * Closes at once, dropping unwritten bytes: a graceful close would wait on an upstream that
   * stopped reading a request body ({@link HardClose}, for Vert.x's connections).
   */
  void hardClose() {
    channel.unsafe().close(channel.voidPromise());
  }

  /** Whether the channel is open. */
  boolean active() {
    return channel.isActive();
  }

  /** The request in flight, if any, is forgotten: later events of the channel reach nobody. */
  void detach() {
    listener = null;
    response = null;
    drain = null;
    uploadFailed = null;
  }

  void close() {
    channel.close();
  }

  /** Reads resume (a response paused at its end leaves them off) for the next request. */
  void readsOn() {
    channel.config().setAutoRead(true);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
        fail(new IOException("invalid HTTP response from the upstream: " + o.decoderResult().cause().getMessage()));
        ctx.close();
        return;
      }
      if (msg instanceof HttpResponse head) {
        head(ctx, head);
      }
      if (msg instanceof HttpContent content) {
        body(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void head(ChannelHandlerContext ctx, HttpResponse head) {
    int status = head.status().code();
    Listener l = listener;
    if (l == null) {
      ctx.close(); // nothing was asked on this connection
      return;
    }
    if (status == 101) {
      failBeforeHead(new IOException("the upstream switched protocols (101) though no upgrade was asked"));
      ctx.close();
      return;
    }
    if (status < 200) {
      informational = true; // 100 Continue, 103 Early Hints: the final head follows
      return;
    }
    listener = null;
    response = new PlainResponse(channel, head);
    l.responded(response);
  }

  private void body(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (informational) {
      informational = !last;
      return;
    }
    PlainResponse r = response;
    if (r != null) {
      r.chunk(content.content(), last);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(new IOException("the upstream closed the connection"));
    Runnable closed = onClose;
    onClose = null;
    if (closed != null) {
      closed.run();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Handler<Void> h = drain;
    if (h != null && ctx.channel().isWritable()) {
      drain = null;
      h.handle(null);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
    ctx.close();
  }

  /** Whoever waits on this connection hears of the failure: the listener before a head, else the body. */
  private void fail(Throwable cause) {
    Handler<Throwable> upload = uploadFailed;
    uploadFailed = null;
    drain = null;
    if (upload != null) {
      upload.handle(cause);
    }
    if (listener != null) {
      failBeforeHead(cause);
    } else if (response != null && !response.ended()) {
      PlainResponse r = response;
      response = null;
      r.broken(cause);
    }
  }

  private void failBeforeHead(Throwable cause) {
    Listener l = listener;
    listener = null;
    if (l != null) {
      l.failed(cause);
    }
  }

  private static HttpHeaders copy(MultiMap headers) {
    HttpHeaders out = VERTX_HEADERS.newHeaders();
    headers.forEach((name, value) -> out.add(name, value));
    return out;
  }
}
