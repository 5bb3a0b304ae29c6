package io.silverback.gateway.proxy;

import io.silverback.core.plugin.BundledPlugins;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The answers the proxy itself gives (Kong's {@code kong.response.error} and error pages): a JSON
 * {@code {"message": ...}} body with {@code application/json; charset=utf-8}, Kong's {@code
 * Server} header and {@code X-Kong-Response-Latency}. The messages are Kong's, verbatim ({@code
 * kong/runloop/handler.lua}, {@code kong/runloop/balancer/init.lua}, {@code kong/error_handlers.lua}).
 */
final class Replies {
  /** Kong's {@code Server} and {@code Via} token, in Kong's shape ({@code kong/3.10.0}). */
  static final String SERVER = "silverback/" + BundledPlugins.VERSION;

  static final String NO_ROUTE = "no Route matched with those values";
  static final String NO_SERVICE = "no Service found with those values";
  static final String USE_HTTPS = "Please use HTTPS protocol";
  static final String NO_PEER = "failure to get a peer from the ring-balancer";

  /** Kong's 503 message when {@code balancer} has no peer: its names did not resolve, or none is healthy. */
  static String noPeer(UpstreamBalancer balancer) {
    return balancer.nameResolutionFailed() ? NAME_RESOLUTION : NO_PEER;
  }
  static final String NAME_RESOLUTION = "name resolution failed";
  static final String BAD_GATEWAY = "An invalid response was received from the upstream server";
  static final String TIMEOUT = "The upstream server is timing out";
  static final String UNEXPECTED = "An unexpected error occurred";
  static final String BAD_REQUEST = "Bad request";
  static final String HEADER_TOO_LARGE = "Request header or cookie too large";
  static final String URI_TOO_LONG = "URI too long";

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");
  static final CharSequence SERVER_VALUE = HttpHeaders.createOptimized(SERVER);
  static final CharSequence X_KONG_RESPONSE_LATENCY = HttpHeaders.createOptimized("X-Kong-Response-Latency");

  private Replies() {}

  /** Kong's JSON body for {@code message}. */
  static Buffer body(String message) {
    return Buffer.buffer(("{\"message\":\"" + escape(message) + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers with {@code status} and Kong's body for {@code message}, unless the response already
   * started (then the connection is closed: a half-sent response cannot be repaired).
   *
   * @param kong which of Kong's headers to add ({@code headers})
   */
  static void error(HttpServerResponse response, int status, String message, long startNanos, ResponseHeaders kong) {
    if (!response.headWritten()) {
      response.headers().set(HttpHeaders.CONTENT_TYPE, JSON);
    }
    send(response, status, body(message), null, startNanos, kong);
  }

  /** Answers with {@code status}, {@code body} (or none), {@code headers} (or none) and Kong's {@code kong}. */
  static void send(HttpServerResponse response, int status, Buffer body, MultiMap headers, long startNanos,
      ResponseHeaders kong) {
    if (response.headWritten() || response.closed()) {
      if (!response.ended() && !response.closed()) {
        response.reset();
      }
      return;
    }
    MultiMap h = response.headers();
    if (headers != null) {
      h.addAll(headers);
    }
    kong.produced(h, startNanos);
    response.setStatusCode(status);
    if (body == null) {
      response.end();
    } else {
      response.end(body);
    }
  }

  /** {@code text} as the inside of a JSON string. */
  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String rep = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 ? String.format("\\u%04x", (int) c) : null;
      if (rep != null && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
