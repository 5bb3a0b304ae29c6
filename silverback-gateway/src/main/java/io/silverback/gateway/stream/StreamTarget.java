package io.silverback.gateway.stream;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.gateway.tls.TlsException;
import io.silverback.gateway.tls.UpstreamTlsKey;

/**
 * A service's stream settings, decoded once per snapshot.
 *
 * @param id the service id
 * @param protocol {@code tcp}, or {@code tls} to speak TLS to the upstream (the stream router
 *     leaves out routes whose service has another protocol)
 * @param host the service host: a name, an IP, or an upstream's name
 * @param port the service port
 * @param retries Kong's {@code retries}: further connect attempts after a failed one
 * @param connectTimeout milliseconds to establish the upstream connection
 * @param writeTimeout milliseconds the client may send nothing (idle towards the upstream)
 * @param readTimeout milliseconds the upstream may send nothing (idle towards the client)
 * @param tlsKey the client TLS settings of a {@code tls} service; null for {@code tcp}, or when
 *     they cannot be used (a CA certificate it lists is gone), which is logged here
 */
record StreamTarget(String id, String protocol, String host, int port, int retries, int connectTimeout,
    int writeTimeout, int readTimeout, UpstreamTlsKey tlsKey) {
  private static final int DEFAULT_TIMEOUT = 60_000;
  private static final System.Logger LOG = System.getLogger(StreamTarget.class.getName());

  static StreamTarget of(Config config, Entity service) {
    String protocol = service.text("protocol") == null ? "http" : service.text("protocol");
    return new StreamTarget(service.id(), protocol, service.text("host"), service.get("port").asInt(80),
        service.get("retries").asInt(5), service.get("connect_timeout").asInt(DEFAULT_TIMEOUT),
        service.get("write_timeout").asInt(DEFAULT_TIMEOUT), service.get("read_timeout").asInt(DEFAULT_TIMEOUT),
        "tls".equals(protocol) ? tlsKey(config, service) : null);
  }

  private static UpstreamTlsKey tlsKey(Config config, Entity service) {
    try {
      return UpstreamTlsKey.of(config, service);
    } catch (TlsException e) {
      LOG.log(System.Logger.Level.ERROR, "unable to set upstream TLS for service " + service.id() + ": "
          + e.getMessage());
      return null;
    }
  }

  /** Whether the upstream is spoken to over TLS. */
  boolean tls() {
    return "tls".equals(protocol);
  }
}
