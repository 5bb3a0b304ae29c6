package io.silverback.gateway.tls;

import io.silverback.core.conf.Listener;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.X509KeyManager;

/**
 * The Vert.x side of an {@code ssl} listener ({@code proxy_listen = 0.0.0.0:8443 http2 ssl}, and
 * the same for {@code admin_listen}): TLS with the server certificate chosen per handshake by a
 * {@link SniKeyManager}, SNI read from the client hello, and ALPN offering {@code h2} then {@code
 * http/1.1} when the listener says {@code http2} (else {@code http/1.1} only, as nginx without
 * {@code http2}).
 *
 * <p>For the proxy's request facts: a request that came over TLS has {@link
 * HttpServerRequest#isSSL()} true, so its scheme is {@code https} ({@link #scheme}); the name the
 * client sent in SNI, which Kong's router matches against a route's {@code snis}, is {@link
 * #serverName}.
 */
public final class ProxyTls {
  private ProxyTls() {}

  /**
   * Sets {@code options} up for {@code listener}: for a plain listener, cleartext HTTP/2 (prior
   * knowledge, as nginx's {@code http2} on a plain port, which gRPC clients use; Vert.x also takes
   * an {@code Upgrade: h2c}) only when it says {@code http2} (then {@code keys} is not used and may
   * be null); for an {@code ssl} one, TLS with {@code keys}, SNI, and ALPN as the listener's
   * {@code http2} flag says.
   *
   * @return {@code options}, for chaining
   */
  public static HttpServerOptions serverOptions(HttpServerOptions options, Listener listener, X509KeyManager keys) {
    boolean http2 = listener.flags().contains("http2");
    if (!listener.ssl()) {
      return options.setHttp2ClearTextEnabled(http2);
    }
    return options.setSsl(true)
        .setSni(true)
        .setKeyCertOptions(KeyCertOptions.wrap(keys))
        .setUseAlpn(http2)
        .setAlpnVersions(http2 ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1) : List.of(HttpVersion.HTTP_1_1));
  }

  /** {@code https} for a request that came over TLS, else {@code http}. */
  public static String scheme(HttpServerRequest request) {
    return request.isSSL() ? "https" : "http";
  }

  /** The host name the client sent in SNI, lower-cased; empty without TLS or without SNI. */
  public static Optional<String> serverName(HttpConnection connection) {
    if (!connection.isSsl()) {
      return Optional.empty();
    }
    return Optional.ofNullable(connection.indicatedServerName())
        .filter(name -> !name.isEmpty())
        .map(name -> name.toLowerCase(Locale.ROOT));
  }
}
