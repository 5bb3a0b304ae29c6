package io.silverback.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.ClientSSLOptions;

/**
 * The upstream HTTP client of one event loop: a keep-alive HTTP/1.1 pool, created on the loop's
 * verticle so its connections live on that loop. Connections are pooled per address and TLS
 * settings, so https services share the client too.
 *
 * <p>TLS seam: {@link #tls(ServiceTarget)} gives the client TLS options of a service (client
 * certificate, CA, verification). Until {@code gateway.tls} decides them per service, every https
 * service gets Kong's default: TLS without verifying the upstream's certificate
 * ({@code tls_verify} off).
 */
final class UpstreamClients {
  /** Kong's {@code upstream_keepalive_idle_timeout} default, seconds. */
  static final int KEEPALIVE_IDLE_SECONDS = 60;
  /** Kong's {@code upstream_keepalive_pool_size} is 512 per worker; plus headroom for bursts. */
  static final int POOL_SIZE = 1024;
  private static final ClientSSLOptions UNVERIFIED = new ClientSSLOptions().setTrustAll(true)
      .setHostnameVerificationAlgorithm("");

  private final HttpClient client;

  UpstreamClients(Vertx vertx) {
    this.client = vertx.createHttpClient(options(), new PoolOptions().setHttp1MaxSize(POOL_SIZE));
  }

  HttpClient client() {
    return client;
  }

  /** The client TLS options for {@code service} (an https service). */
  ClientSSLOptions tls(ServiceTarget service) {
    return UNVERIFIED;
  }

  /** Closes the pool. */
  void close() {
    client.close();
  }

  private static HttpClientOptions options() {
    return new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setKeepAliveTimeout(KEEPALIVE_IDLE_SECONDS)
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setMaxHeaderSize(ProxyVerticle.MAX_HEADER_SIZE)
        .setDecompressionSupported(false);
  }
}
