package io.silverback.gateway.node;

import io.silverback.core.conf.Listener;
import io.silverback.gateway.tls.ProxyTls;
import io.vertx.core.http.HttpServerOptions;
import javax.net.ssl.X509KeyManager;

/**
 * The server settings of one {@code proxy_listen} or {@code admin_listen} entry, from its flags:
 * {@code ssl} and {@code http2} ({@link ProxyTls#serverOptions}), and {@code proxy_protocol}, which
 * makes every connection start with a PROXY protocol header (a connection without one is closed,
 * as nginx's {@code listen ... proxy_protocol}).
 */
final class ListenerOptions {
  private ListenerOptions() {}

  /** {@code options} with {@code listener}'s flags applied; {@code keys} serve its TLS (null without ssl). */
  static HttpServerOptions of(HttpServerOptions options, Listener listener, X509KeyManager keys) {
    return ProxyTls.serverOptions(options, listener, keys)
        .setUseProxyProtocol(listener.flags().contains("proxy_protocol"));
  }
}
