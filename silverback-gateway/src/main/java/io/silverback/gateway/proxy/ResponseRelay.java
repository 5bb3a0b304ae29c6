package io.silverback.gateway.proxy;

import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
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
  private final HttpClientResponse upstream;
  private final HttpClientRequest upstreamRequest;
  private final int readTimeout;
  private final Runnable done;
  private final HttpServerResponse out;

  ResponseRelay(Exchange exchange, PluginRun run, HttpClientResponse upstream, HttpClientRequest upstreamRequest,
      int readTimeout, Runnable done) {
    this.exchange = exchange;
    this.run = run;
    this.upstream = upstream;
    this.upstreamRequest = upstreamRequest;
    this.readTimeout = readTimeout;
    this.done = done;
    this.out = exchange.request().response();
  }

  void relay() {
    int status = upstream.statusCode();
    if (status == 101 && WebSocketTunnel.requested(exchange.request())) {
      exchange.status(status);
      out.setStatusCode(status);
      WebSocketTunnel.open(exchange.request(), upstream, done);
      return;
    }
    MultiMap headers = out.headers();
    HopByHop.copy(upstream.headers(), headers);
    exchange.options().headers().proxied(headers, upstream, exchange.upstreamLatencyMillis(), exchange.startNanos());
    out.setStatusCode(status);
    exchange.status(status);
    run.headerFilter();
    if (run.buffersResponse()) {
      upstream.body().onComplete(ar -> {
        if (ar.failed()) {
          broken(ar.cause());
          return;
        }
        Buffer body = run.bodyFilter(ar.result());
        out.headers().remove(HttpHeaders.TRANSFER_ENCODING);
        out.headers().set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        out.end(body).onComplete(v -> done.run());
      });
      return;
    }
    if (!headers.contains(HttpHeaders.CONTENT_LENGTH) && hasBody(status)
        && exchange.request().version() != HttpVersion.HTTP_1_0) {
      out.setChunked(true);
    }
    ReadIdleWatch watched = new ReadIdleWatch(exchange.vertx(), upstream, readTimeout,
        () -> upstreamRequest.connection().close());
    watched.pipe().endOnFailure(false).to(out).onComplete(ar -> {
      watched.stop();
      if (ar.failed()) {
        broken(ar.cause());
      } else {
        done.run();
      }
    });
  }

  private boolean hasBody(int status) {
    return status >= 200 && status != 204 && status != 304 && exchange.request().method() != HttpMethod.HEAD;
  }

  /** One side broke mid-body: both are cut, whichever it was (the other cannot be completed either). */
  private void broken(Throwable cause) {
    upstreamRequest.connection().close();
    if (!out.closed()) {
      out.reset();
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "response cut mid-body (client or upstream went away): " + cause);
    done.run();
  }
}
