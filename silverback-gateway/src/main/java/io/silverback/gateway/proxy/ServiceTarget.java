package io.silverback.gateway.proxy;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.gateway.balancer.Peer;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.silverback.gateway.tls.TlsException;
import io.silverback.gateway.tls.UpstreamTls;
import io.silverback.gateway.tls.UpstreamTlsKey;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * A service's proxy settings, decoded from its entity once per snapshot.
 *
 * @param id the service id
 * @param name the service name, or null
 * @param protocol {@code http}, {@code https}, {@code grpc} or {@code grpcs} (the last two over
 *     HTTP/2: {@link GrpcCall})
 * @param host the service host: a name, an IP, or an upstream's name
 * @param port the service port
 * @param retries Kong's {@code retries}: further attempts after a connection error or timeout
 * @param connectTimeout milliseconds to establish the connection
 * @param writeTimeout milliseconds the upstream may take no request body bytes while the proxy
 *     has more to send ({@link BodyUpload})
 * @param readTimeout milliseconds between two reads from the upstream, once the request is sent:
 *     until the response head, then between body chunks ({@link ReadIdleWatch})
 * @param address {@code host:port} to connect to when the host is not an upstream's name
 * @param authority Kong's upstream {@code Host} for it: the host, and the port unless it is the
 *     protocol's default
 * @param tlsKey the client TLS settings of an https or grpcs service; null for http and grpc, or
 *     when they cannot be used (a CA certificate it lists is gone), which is logged once here and
 *     answered 502
 */
record ServiceTarget(String id, String name, String protocol, String host, int port, int retries,
    int connectTimeout, int writeTimeout, int readTimeout, SocketAddress address, HostAndPort authority, UpstreamTlsKey tlsKey) {
  private static final int DEFAULT_TIMEOUT = 60_000;
  private static final System.Logger LOG = System.getLogger(ServiceTarget.class.getName());

  static ServiceTarget of(Config config, Entity service) {
    String protocol = service.text("protocol") == null ? "http" : service.text("protocol");
    boolean tls = UpstreamTls.TLS_PROTOCOLS.contains(protocol);
    String host = service.text("host");
    int port = service.get("port").asInt(tls ? 443 : 80);
    return new ServiceTarget(service.id(), service.text("name"), protocol, host, port,
        service.get("retries").asInt(5), service.get("connect_timeout").asInt(DEFAULT_TIMEOUT),
        service.get("write_timeout").asInt(DEFAULT_TIMEOUT),
        service.get("read_timeout").asInt(DEFAULT_TIMEOUT), SocketAddress.inetSocketAddress(port, host),
        authority(host, port, tls), tls ? tlsKey(config, service) : null);
  }

  private static UpstreamTlsKey tlsKey(Config config, Entity service) {
    try {
      return UpstreamTlsKey.of(config, service);
    } catch (TlsException e) {
      LOG.log(System.Logger.Level.ERROR, "unable to set upstream TLS: " + e.getMessage());
      return null;
    }
  }

  /** Kong's upstream {@code Host} for {@code host:port}: without the port when it is the protocol's default. */
  static HostAndPort authority(String host, int port, boolean tls) {
    boolean defaultPort = tls ? port == 443 : port == 80;
    return HostAndPort.create(host, defaultPort ? -1 : port);
  }

  /**
   * The authority a request to {@code peer} carries ({@code Host}, SNI): the upstream's {@code
   * host_header} when it has one, else the peer's host, without the protocol's default port.
   */
  HostAndPort authority(UpstreamBalancer balancer, Peer peer) {
    String name = balancer.hostHeader() != null ? balancer.hostHeader() : peer.host();
    return authority(name, peer.port(), tls());
  }

  /** Whether the upstream is spoken to over TLS ({@code https}, {@code grpcs}). */
  boolean tls() {
    return UpstreamTls.TLS_PROTOCOLS.contains(protocol);
  }

  /** Whether the upstream speaks gRPC ({@code grpc}, {@code grpcs}): HTTP/2, Kong's {@code grpc_pass}. */
  boolean grpc() {
    return "grpc".equals(protocol) || "grpcs".equals(protocol);
  }
}
