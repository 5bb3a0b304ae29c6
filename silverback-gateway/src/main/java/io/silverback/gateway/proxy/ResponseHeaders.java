package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Locale;

/**
 * Kong's {@code headers} setting: which of its own headers the proxy adds to client responses
 * ({@code kong/runloop/handler.lua}, header_filter "after"). A proxied response gets {@code Via},
 * {@code X-Kong-Upstream-Latency}, {@code X-Kong-Proxy-Latency}, {@code X-Kong-Upstream-Status}
 * and {@code Server} when the upstream sent none; a response the proxy produced itself gets
 * {@code Server} and {@code X-Kong-Response-Latency}; both get {@code X-Kong-Request-Id}.
 *
 * @param server {@code Server}
 * @param via {@code Via}
 * @param proxyLatency {@code X-Kong-Proxy-Latency}
 * @param responseLatency {@code X-Kong-Response-Latency}
 * @param upstreamLatency {@code X-Kong-Upstream-Latency}
 * @param upstreamStatus {@code X-Kong-Upstream-Status}
 * @param requestId {@code X-Kong-Request-Id}
 */
record ResponseHeaders(boolean server, boolean via, boolean proxyLatency, boolean responseLatency,
    boolean upstreamLatency, boolean upstreamStatus, boolean requestId) {
  static final CharSequence X_KONG_UPSTREAM_LATENCY = HttpHeaders.createOptimized("X-Kong-Upstream-Latency");
  static final CharSequence X_KONG_PROXY_LATENCY = HttpHeaders.createOptimized("X-Kong-Proxy-Latency");
  static final CharSequence X_KONG_UPSTREAM_STATUS = HttpHeaders.createOptimized("X-Kong-Upstream-Status");
  static final CharSequence X_KONG_REQUEST_ID = HttpHeaders.createOptimized("X-Kong-Request-Id");

  /** Kong's default: {@code server_tokens, latency_tokens, X-Kong-Request-Id}. */
  static final ResponseHeaders DEFAULTS = new ResponseHeaders(true, true, true, true, true, false, true);

  /**
   * The headers named by {@code values}, as the {@code headers} setting lists them (case-insensitive;
   * {@code off} anywhere turns all off, as Kong's conf loader).
   *
   * @throws IllegalArgumentException for a name Kong does not know (the conf check refuses it first)
   */
  static ResponseHeaders of(List<String> values) {
    boolean[] on = new boolean[7];
    for (String v : values) {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "off" -> {
          return new ResponseHeaders(false, false, false, false, false, false, false);
        }
        case "server_tokens" -> on[0] = on[1] = true;
        case "latency_tokens" -> on[2] = on[3] = on[4] = true;
        case "server" -> on[0] = true;
        case "via" -> on[1] = true;
        case "x-kong-proxy-latency" -> on[2] = true;
        case "x-kong-response-latency" -> on[3] = true;
        case "x-kong-upstream-latency" -> on[4] = true;
        case "x-kong-upstream-status" -> on[5] = true;
        case "x-kong-request-id" -> on[6] = true;
        case "x-kong-admin-latency" -> { }
        default -> throw new IllegalArgumentException("headers: unknown header '" + v + "'");
      }
    }
    return new ResponseHeaders(on[0], on[1], on[2], on[3], on[4], on[5], on[6]);
  }

  /**
   * Copies the end-to-end headers of an upstream's response into {@code out}. Kong's {@code
   * X-Kong-Request-Id}, when {@code out} already holds it, replaces an upstream's own, as Kong's
   * header filter sets it over the upstream's.
   */
  static void copyUpstream(MultiMap upstream, MultiMap out) {
    String ours = out.get(X_KONG_REQUEST_ID);
    HopByHop.copy(upstream, out);
    if (ours != null && upstream.contains(X_KONG_REQUEST_ID)) {
      out.set(X_KONG_REQUEST_ID, ours);
    }
  }

  /** Adds the headers of a proxied response to {@code out}, which holds the upstream's headers. */
  void proxied(MultiMap out, UpstreamResponse upstream, long upstreamLatencyMillis, long startNanos) {
    if (via) {
      String theirs = upstream.headers().get(UpstreamHeaders.VIA);
      String ours = UpstreamHeaders.via(upstream.version());
      out.set(UpstreamHeaders.VIA, theirs == null ? ours : theirs + ", " + ours);
    }
    if (upstreamLatency) {
      out.set(X_KONG_UPSTREAM_LATENCY, Long.toString(upstreamLatencyMillis));
    }
    if (proxyLatency) {
      long total = (System.nanoTime() - startNanos) / 1_000_000;
      out.set(X_KONG_PROXY_LATENCY, Long.toString(Math.max(0, total - upstreamLatencyMillis)));
    }
    if (upstreamStatus) {
      out.set(X_KONG_UPSTREAM_STATUS, Integer.toString(upstream.statusCode()));
    }
    if (server && !out.contains(HttpHeaders.SERVER)) {
      out.set(HttpHeaders.SERVER, Replies.SERVER_VALUE);
    }
  }

  /** Adds the headers of a response the proxy produced itself (an error, a plugin's exit). */
  void produced(MultiMap out, long startNanos) {
    if (server) {
      out.set(HttpHeaders.SERVER, Replies.SERVER_VALUE);
    } else {
      out.remove(HttpHeaders.SERVER);
    }
    if (responseLatency) {
      out.set(Replies.X_KONG_RESPONSE_LATENCY, Long.toString((System.nanoTime() - startNanos) / 1_000_000));
    }
  }
}
