package io.silverback.gateway.proxy;

import io.silverback.core.config.Entity;

/**
 * A service's proxy settings, decoded from its entity once per snapshot.
 *
 * @param id the service id
 * @param name the service name, or null
 * @param protocol {@code http} or {@code https} (other protocols are not proxied over HTTP)
 * @param host the service host: a name, an IP, or an upstream's name
 * @param port the service port
 * @param retries Kong's {@code retries}: further attempts after a connection error or timeout
 * @param connectTimeout milliseconds to establish the connection
 * @param writeTimeout milliseconds between two writes to the upstream
 * @param readTimeout milliseconds between two reads from the upstream
 */
record ServiceTarget(String id, String name, String protocol, String host, int port, int retries,
    int connectTimeout, int writeTimeout, int readTimeout) {
  private static final int DEFAULT_TIMEOUT = 60_000;

  static ServiceTarget of(Entity service) {
    String protocol = service.text("protocol") == null ? "http" : service.text("protocol");
    int defaultPort = "https".equals(protocol) ? 443 : 80;
    return new ServiceTarget(service.id(), service.text("name"), protocol, service.text("host"),
        service.get("port").asInt(defaultPort), service.get("retries").asInt(5),
        service.get("connect_timeout").asInt(DEFAULT_TIMEOUT), service.get("write_timeout").asInt(DEFAULT_TIMEOUT),
        service.get("read_timeout").asInt(DEFAULT_TIMEOUT));
  }

  boolean tls() {
    return "https".equals(protocol);
  }
}
