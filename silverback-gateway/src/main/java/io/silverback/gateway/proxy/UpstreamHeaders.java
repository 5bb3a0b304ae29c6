package io.silverback.gateway.proxy;

import io.silverback.core.router.RouteMatch;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * The headers Kong sends upstream ({@code kong/runloop/handler.lua}, access phase "after"): the
 * client's end-to-end headers, {@code X-Forwarded-For} appended, {@code X-Forwarded-Proto},
 * {@code -Host}, {@code -Port}, {@code -Path} and {@code -Prefix} set from this hop (a trusted
 * client's own values replace them afterwards: {@link ForwardedHeaders}), {@code X-Real-IP} and
 * {@code Via} appended; {@code Connection: Upgrade} and {@code Upgrade: websocket} for a WebSocket
 * handshake. {@code Host} is set by the upstream call.
 */
final class UpstreamHeaders {
  static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
  static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
  static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
  static final CharSequence X_FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
  static final CharSequence X_FORWARDED_PATH = HttpHeaders.createOptimized("X-Forwarded-Path");
  static final CharSequence X_FORWARDED_PREFIX = HttpHeaders.createOptimized("X-Forwarded-Prefix");
  static final CharSequence X_REAL_IP = HttpHeaders.createOptimized("X-Real-IP");
  static final CharSequence VIA = HttpHeaders.createOptimized("Via");
  private static final String VIA_1_1 = "1.1 " + Replies.SERVER;
  private static final String VIA_1_0 = "1.0 " + Replies.SERVER;
  private static final String VIA_2 = "2 " + Replies.SERVER;
  private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
  private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");
  private static final CharSequence UPGRADE = HttpHeaders.createOptimized("Upgrade");
  private static final CharSequence WEBSOCKET = HttpHeaders.createOptimized("websocket");

  private UpstreamHeaders() {}

  /**
   * The upstream headers for {@code request}.
   *
   * @param stripPath the route's {@code strip_path}: only a stripped prefix is sent as {@code X-Forwarded-Prefix}
   * @param host the client's raw {@code Host} (may be null)
   * @param serverPort the port the request came in on
   */
  static MultiMap build(HttpServerRequest request, RouteMatch match, boolean stripPath, String clientIp, String host,
      int serverPort) {
    MultiMap in = request.headers();
    MultiMap out = HttpHeaders.headers();
    HopByHop.copy(in, out);
    String xff = in.get(X_FORWARDED_FOR);
    out.set(X_FORWARDED_FOR, xff == null ? clientIp : xff + ", " + clientIp);
    out.set(X_FORWARDED_PROTO, request.isSSL() ? HTTPS : HTTP);
    out.set(X_FORWARDED_HOST, hostName(host, request));
    out.set(X_FORWARDED_PORT, Integer.toString(serverPort));
    out.set(X_FORWARDED_PATH, request.path());
    String prefix = match.matchedPrefix();
    if (stripPath && prefix != null && !prefix.equals("/")) {
      out.set(X_FORWARDED_PREFIX, prefix);
    } else {
      out.remove(X_FORWARDED_PREFIX);
    }
    out.set(X_REAL_IP, clientIp);
    if (WebSocketTunnel.requested(request)) {
      out.set(HttpHeaders.CONNECTION, UPGRADE);
      out.set(HttpHeaders.UPGRADE, WEBSOCKET);
    }
    String via = in.get(VIA);
    String ours = via(request.version());
    out.set(VIA, via == null ? ours : via + ", " + ours);
    return out;
  }

  /** Kong's {@code Via} token for a hop of {@code version}. */
  static String via(HttpVersion version) {
    return version == HttpVersion.HTTP_1_0 ? VIA_1_0 : version == HttpVersion.HTTP_2 ? VIA_2 : VIA_1_1;
  }

  /** nginx's {@code $host}: the Host header without its port, in lower case; else the local address. */
  private static String hostName(String host, HttpServerRequest request) {
    if (host == null || host.isEmpty()) {
      return request.localAddress().hostAddress();
    }
    int colon = host.lastIndexOf(':');
    String name = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    for (int i = 0; i < name.length(); i++) {
      if (Character.isUpperCase(name.charAt(i))) {
        return name.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return name;
  }
}
