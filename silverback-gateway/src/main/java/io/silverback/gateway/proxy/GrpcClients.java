package io.silverback.gateway.proxy;

import io.silverback.gateway.tls.TlsException;
import io.silverback.gateway.tls.UpstreamTls;
import io.silverback.gateway.tls.UpstreamTlsKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP/2 upstream client of one event loop, for {@code grpc} and {@code grpcs} services
 * (Kong's {@code grpc_pass}): h2c with prior knowledge for {@code grpc}, TLS with ALPN {@code h2}
 * for {@code grpcs}. Created on first use, so a node without gRPC services has none. Each peer
 * gets one multiplexed connection per TLS setting; calls are streams on it.
 *
 * <p>The TLS options are the service's ({@link UpstreamTls}: {@code tls_verify}, {@code
 * ca_certificates}, {@code client_certificate}) with ALPN added; copies are kept per setting so
 * equal settings share connections. Event-loop confined, like its verticle.
 */
final class GrpcClients {
  private static final System.Logger LOG = System.getLogger(GrpcClients.class.getName());
  private static final List<String> H2 = List.of("h2");

  private final Vertx vertx;
  private final int idleTimeoutSeconds;
  private final UpstreamTls upstreamTls = new UpstreamTls();
  private final Map<UpstreamTlsKey, ClientSSLOptions> alpn = new HashMap<>();
  private HttpClient client;

  /** @param idleTimeoutSeconds how long an idle connection is kept ({@code upstream_keepalive_idle_timeout}) */
  GrpcClients(Vertx vertx, int idleTimeoutSeconds) {
    this.vertx = vertx;
    this.idleTimeoutSeconds = idleTimeoutSeconds;
  }

  HttpClient client() {
    if (client == null) {
      client = vertx.createHttpClient(options(idleTimeoutSeconds), new PoolOptions());
    }
    return client;
  }

  /** The client TLS options for {@code service} (a grpcs service) with ALPN h2; null when they cannot be used. */
  ClientSSLOptions tls(ServiceTarget service) {
    UpstreamTlsKey key = service.tlsKey();
    if (key == null) {
      return null;
    }
    ClientSSLOptions done = alpn.get(key);
    if (done != null) {
      return done;
    }
    try {
      ClientSSLOptions options = upstreamTls.sslOptions(key).copy().setUseAlpn(true).setApplicationLayerProtocols(H2);
      if (alpn.size() >= 256) {
        alpn.clear();
      }
      alpn.put(key, options);
      return options;
    } catch (TlsException e) {
      LOG.log(System.Logger.Level.ERROR, "service " + service.id() + ": unable to set upstream TLS: " + e.getMessage());
      return null;
    }
  }

  /** Closes the connections, if any were made. */
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private static HttpClientOptions options(int idleTimeoutSeconds) {
    return new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2))
        .setKeepAlive(true)
        .setHttp2KeepAliveTimeout(idleTimeoutSeconds)
        .setTcpNoDelay(true)
        .setMaxHeaderSize(ProxyVerticle.MAX_HEADER_SIZE)
        .setDecompressionSupported(false);
  }
}
