package io.silverback.gateway.proxy;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;

/**
 * The PROXY protocol (HAProxy's, versions 1 and 2) on listeners flagged {@code proxy_protocol}:
 * Vert.x decodes the header a load balancer sends first on each connection ({@link
 * io.vertx.core.http.HttpServerOptions#setUseProxyProtocol}) and closes a connection that does not
 * start with one, as nginx does. The addresses it names replace the connection's in Vert.x's
 * {@code remoteAddress()}; the proxy keeps reading the real ones ({@code remoteAddress(true)}) and
 * takes the named source only where {@link RealIp} allows it ({@code real_ip_header =
 * proxy_protocol} and a trusted peer), as nginx's {@code $proxy_protocol_addr}.
 */
final class ProxyProtocol {
  private ProxyProtocol() {}

  /** The source address a PROXY header named on {@code connection}, or null when it named none. */
  static String source(HttpConnection connection) {
    SocketAddress named = connection.remoteAddress();
    SocketAddress real = connection.remoteAddress(true);
    return named == null || named.equals(real) ? null : named.hostAddress();
  }
}
