package io.silverback.gateway.proxy;

import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Sends an upstream's response to the client: status, end-to-end headers, {@code Via} appended,
 * Kong's {@code X-Kong-Upstream-Latency} and {@code X-Kong-Proxy-Latency}, {@code Server} when the
 * upstream sent none (as Kong, {@code kong/runloop/handler.lua} header_filter), then the plugins'
 * header filters, then the body: streamed with backpressure, or whole through the body filters
 * when a plugin asked for it.
 *
 * <p>When either side breaks mid-body, both are cut: the upstream connection is closed (it is not
 * reused with a half-read response) and the client's is reset (a half-sent response cannot be
 * completed honestly). Neither is an error of the proxy, so it is logged at debug only.
 */
final class ResponseRelay {
  private static final System.Logger LOG = System.getLogger(ResponseRelay.class.getName());

  private final Exchange exchange;
  private final PluginRun run;
  private final UpstreamResponse upstream;
  private final UpstreamConnection connection;
  private final int readTimeout;
  private final Runnable onDone;
  private final HttpServerResponse out;
  /** The upstream body as watched for {@code read_timeout} (set when streaming starts). */
  private ReadIdleWatch watched;
  /** The client's response is ended (or cut): later upstream chunks are dropped. */
  private boolean over;
  /** A chunk was written: the body is streamed, not answered in one piece. */
  private boolean started;
  /** {@code onDone} ran. */
  private boolean done;
  /** The upstream response was read to its end. */
  private boolean upstreamEnded;
  /** The client's response was ended without error. */
  private boolean answered;

  ResponseRelay(Exchange exchange, PluginRun run, UpstreamResponse upstream, UpstreamConnection connection,
      int readTimeout, Runnable done) {
    this.exchange = exchange;
    this.run = run;
    this.upstream = upstream;
    this.connection = connection;
    this.readTimeout = readTimeout;
    this.onDone = done;
    this.out = exchange.request().response();
  }

  void relay() {
    int status = upstream.statusCode();
    MultiMap headers = out.headers();
    ResponseHeaders.copyUpstream(upstream.headers(), headers);
    exchange.options().headers().proxied(headers, upstream, exchange.upstreamLatencyMillis(), exchange.startNanos());
    out.setStatusCode(status);
    exchange.status(status);
    run.headerFilter();
    if (run.buffersResponse()) {
      buffer();
      return;
    }
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    if (length == null && hasBody(status) && exchange.request().version() != HttpVersion.HTTP_1_0) {
      out.setChunked(true);
    }
    stream(length == null ? -1 : parseLength(length));
  }

  /**
   * Relays the body with backpressure: each upstream chunk is written to the client and the
   * upstream is paused while the client's write queue is full. This is Vert.x's {@code Pipe}
   * without its futures: a response whose first chunk holds its whole announced length (the
   * common small response, which arrives with its head) is answered with one {@code end(chunk)},
   * head and body in one write.
   */
  private void stream(long length) {
    ReadIdleWatch body = watch();
    body.endHandler(v -> {
      upstreamEnded = true;
      if (!over) {
        out.end().onComplete(this::ended);
      } else if (answered) {
        complete();
      }
    });
    body.handler(chunk -> {
      if (over) {
        return;
      }
      if (!started && chunk.length() == length) {
        over = true;
        body.stop();
        out.end(chunk).onComplete(this::ended);
        return;
      }
      if (!started) {
        started = true;
        connection.stopWatching();
        body.start();
      }
      out.write(chunk).onComplete(this::written);
      if (out.writeQueueFull()) {
        body.pause();
        out.drainHandler(v -> body.resume());
      }
    });
  }

  /** Reads the whole body, runs it through the plugins' body filters and answers it in one piece. */
  private void buffer() {
    connection.stopWatching();
    ReadIdleWatch body = watch();
    Buffer read = Buffer.buffer();
    body.handler(read::appendBuffer);
    body.endHandler(v -> {
      upstreamEnded = true;
      over = true;
      Buffer filtered = run.bodyFilter(read);
      out.headers().remove(HttpHeaders.TRANSFER_ENCODING);
      out.headers().set(HttpHeaders.CONTENT_LENGTH, Integer.toString(filtered.length()));
      out.end(filtered).onComplete(this::ended);
    });
    body.start();
  }

  /** The upstream body, watched for {@code read_timeout} between reads (from the first chunk on in a stream). */
  private ReadIdleWatch watch() {
    ReadIdleWatch body = new ReadIdleWatch(exchange.vertx(), upstream.body(), readTimeout, connection::close);
    watched = body;
    body.exceptionHandler(this::broken);
    return body;
  }

  private void written(AsyncResult<Void> ar) {
    if (ar.failed()) {
      broken(ar.cause());
    }
  }

  /**
   * The client's response is ended. The exchange is over once the upstream's is too: a response
   * answered from its first chunk is written before Vert.x hands over the upstream's end.
   */
  private void ended(AsyncResult<Void> ar) {
    if (ar.failed()) {
      broken(ar.cause());
      return;
    }
    answered = true;
    if (upstreamEnded) {
      complete();
    }
  }

  private void complete() {
    if (!done) {
      done = true;
      watched.stop();
      onDone.run();
    }
  }

  /**
   * Whether the upstream connection may serve another request: the response was read whole and
   * relayed without error, and the upstream did not ask to close (never after a WebSocket tunnel).
   */
  boolean leavesConnectionReusable() {
    return upstreamEnded && answered && UpstreamPool.keepsAlive(upstream);
  }

  /** The {@code Content-Length} value, or -1 when it is not a plain number. */
  private static long parseLength(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean hasBody(int status) {
    return status >= 200 && status != 204 && status != 304 && exchange.request().method() != HttpMethod.HEAD;
  }

  /** One side broke mid-body: both are cut, whichever it was (the other cannot be completed either). */
  private void broken(Throwable cause) {
    boolean answered = over;
    over = true;
    if (done) {
      return;
    }
    done = true;
    if (watched != null) {
      watched.stop();
    }
    upstream.body().handler(null);
    upstream.body().endHandler(null);
    upstream.body().exceptionHandler(null);
    connection.close();
    if (!answered && !out.closed()) {
      out.reset();
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "response cut mid-body (client or upstream went away): " + cause);
    onDone.run();
  }
}
