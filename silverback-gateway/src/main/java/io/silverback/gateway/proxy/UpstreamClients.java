package io.silverback.gateway.proxy;

import io.silverback.gateway.tls.TlsException;
import io.silverback.gateway.tls.UpstreamTls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.ClientSSLOptions;

/**
 * The upstream HTTP client of one event loop: HTTP/1.1 connections made on the loop's verticle,
 * so they live on that loop, and kept in its {@link UpstreamPool} per address and TLS settings,
 * so https services share the client too.
 *
 * <p>{@link #tls(ServiceTarget)} gives the client TLS options of a service (client certificate,
 * CA, verification: {@link UpstreamTls}); equal settings get the same options, so the pool is per
 * address and distinct TLS setting.
 */
final class UpstreamClients {
  private static final System.Logger LOG = System.getLogger(UpstreamClients.class.getName());

  private final HttpClientAgent client;
  private final UpstreamPool pool;
  private final UpstreamTls upstreamTls = new UpstreamTls();

  UpstreamClients(Vertx vertx, UpstreamKeepalive keepalive) {
    this.client = vertx.createHttpClient(options(keepalive));
    this.pool = new UpstreamPool(vertx, client, keepalive);
  }

  UpstreamPool pool() {
    return pool;
  }

  /** The client TLS options for {@code service} (an https service); null when they cannot be used. */
  ClientSSLOptions tls(ServiceTarget service) {
    if (service.tlsKey() == null) {
      return null;
    }
    try {
      return upstreamTls.sslOptions(service.tlsKey());
    } catch (TlsException e) {
      LOG.log(System.Logger.Level.ERROR, "service " + service.id() + ": unable to set upstream TLS: " + e.getMessage());
      return null;
    }
  }

  /** Closes the pool and the client. */
  void close() {
    pool.close();
    client.close();
  }

  private static HttpClientOptions options(UpstreamKeepalive keepalive) {
    return new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setKeepAliveTimeout(keepalive.idleTimeoutSeconds())
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setMaxHeaderSize(ProxyVerticle.MAX_HEADER_SIZE)
        .setDecompressionSupported(false);
  }
}
