package io.silverback.gateway.proxy;

import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Sends a gRPC upstream's answer to the client: the head as {@link ResponseRelay} does (end-to-end
 * headers, {@code Via}, Kong's latency headers, {@code Server}, the plugins' header filters),
 * then the messages as they come (server streaming, with backpressure), then the upstream's
 * trailers ({@code grpc-status}, {@code grpc-message} and the rest) as the client's trailers. A
 * trailers-only answer arrives as headers and leaves as headers. When a plugin buffers responses,
 * the body goes through its body filter whole, the trailers after it.
 *
 * <p>When either side breaks mid-answer, both streams are reset; the connections, which other
 * calls share, stay up.
 */
final class GrpcRelay {
  private static final System.Logger LOG = System.getLogger(GrpcRelay.class.getName());

  private final Exchange exchange;
  private final PluginRun run;
  private final HttpClientResponse upstream;
  private final HttpClientRequest upstreamRequest;
  private final Runnable done;
  private final HttpServerResponse out;

  GrpcRelay(Exchange exchange, PluginRun run, HttpClientResponse upstream, HttpClientRequest upstreamRequest,
      Runnable done) {
    this.exchange = exchange;
    this.run = run;
    this.upstream = upstream;
    this.upstreamRequest = upstreamRequest;
    this.done = done;
    this.out = exchange.request().response();
  }

  void relay() {
    int status = upstream.statusCode();
    MultiMap headers = out.headers();
    ResponseHeaders.copyUpstream(upstream.headers(), headers);
    exchange.options().headers().proxied(headers, UpstreamResponse.of(upstream), exchange.upstreamLatencyMillis(),
        exchange.startNanos());
    out.setStatusCode(status);
    exchange.status(status);
    run.headerFilter();
    if (exchange.request().version() != HttpVersion.HTTP_2 && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
      out.setChunked(true);
    }
    upstream.exceptionHandler(this::broken);
    if (run.buffersResponse()) {
      upstream.body().onSuccess(body -> end(run.bodyFilter(body)));
      return;
    }
    upstream.handler(chunk -> {
      out.write(chunk);
      if (out.writeQueueFull()) {
        upstream.pause();
        out.drainHandler(v -> upstream.resume());
      }
    });
    upstream.endHandler(v -> end(null));
  }

  /** The upstream's stream ended: its trailers become the client's, then the client's stream ends. */
  private void end(Buffer body) {
    if (out.closed()) {
      done.run();
      return;
    }
    if (body != null) {
      out.headers().remove(HttpHeaders.CONTENT_LENGTH);
    }
    upstream.trailers().forEach(out::putTrailer);
    (body == null ? out.end() : out.end(body)).onComplete(ar -> done.run());
  }

  /** One side broke mid-answer: both streams are reset (neither can be completed honestly). */
  private void broken(Throwable cause) {
    upstreamRequest.reset();
    if (!out.closed() && !out.ended()) {
      out.reset();
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "gRPC answer cut (client or upstream went away): " + cause);
    done.run();
  }
}
