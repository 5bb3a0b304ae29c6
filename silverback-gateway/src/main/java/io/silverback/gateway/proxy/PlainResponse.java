package io.silverback.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * A response read from a {@link PlainChannel}: its head, and its body as a stream with
 * backpressure. Pausing stops the channel's reads ({@code autoRead} off); chunks already decoded
 * from the last read wait in order until the stream flows again, and so does the end. A chunk is
 * copied off the channel's pooled buffer as it arrives (as Vert.x's client does), so a relay or a
 * plugin may keep it. Lives on the channel's event loop only.
 */
final class PlainResponse implements UpstreamResponse, ReadStream<Buffer> {
  private final Channel channel;
  private final int status;
  private final HttpVersion version;
  private final MultiMap headers;
  /** Chunks that arrived while the stream did not flow, in order; made on the first one. */
  private ArrayDeque<Buffer> waiting;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean paused;
  /** The last chunk arrived (it may still wait to be delivered). */
  private boolean ended;
  /** The end was delivered, or the response broke: nothing more is. */
  private boolean over;

  /**
   * @param head the response head, whose headers the channel's decoder made Vert.x headers
   *     ({@link PlainChannel})
   */
  PlainResponse(Channel channel, HttpResponse head) {
    this.channel = channel;
    this.status = head.status().code();
    this.version = head.protocolVersion().minorVersion() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    this.headers = (MultiMap) head.headers();
  }

  @Override
  public int statusCode() {
    return status;
  }

  @Override
  public HttpVersion version() {
    return version;
  }

  @Override
  public MultiMap headers() {
    return headers;
  }

  @Override
  public ReadStream<Buffer> body() {
    return this;
  }

  /** Whether the last chunk arrived (the channel may close then without breaking this response). */
  boolean ended() {
    return ended;
  }

  /** A piece of the body from the channel ({@code content} stays the caller's to release). */
  void chunk(ByteBuf content, boolean last) {
    if (over) {
      return;
    }
    if (content.isReadable()) {
      Buffer chunk = BufferInternal.safeBuffer(content.retain());
      if (flowing() && (waiting == null || waiting.isEmpty())) {
        handler.handle(chunk);
      } else {
        if (waiting == null) {
          waiting = new ArrayDeque<>();
        }
        waiting.add(chunk);
      }
    }
    ended |= last;
    drain();
  }

  /** The channel failed or closed before the end: the body's exception handler hears it once. */
  void broken(Throwable cause) {
    if (over) {
      return;
    }
    over = true;
    waiting = null;
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(cause);
    }
  }

  private boolean flowing() {
    return !paused && handler != null && !over;
  }

  private void drain() {
    while (waiting != null && !waiting.isEmpty() && flowing()) {
      handler.handle(waiting.poll());
    }
    if (ended && (waiting == null || waiting.isEmpty()) && !paused && !over && endHandler != null) {
      over = true;
      channel.config().setAutoRead(true);
      endHandler.handle(null);
    }
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    drain();
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (!paused) {
      paused = true;
      channel.config().setAutoRead(false);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (paused) {
      paused = false;
      drain();
      if (!paused && !over) {
        channel.config().setAutoRead(true);
      }
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return resume();
  }
}
