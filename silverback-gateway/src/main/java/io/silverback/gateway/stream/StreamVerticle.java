package io.silverback.gateway.stream;

import io.silverback.core.conf.Listener;
import io.silverback.core.router.StreamConnection;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.tls.UpstreamTls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.X509KeyManager;

/**
 * The stream proxy on one event loop: its share of every {@code stream_listen} server and its own
 * client for upstream connections. Nothing is shared between loops but the snapshots, the
 * balancers and the upstream TLS settings.
 */
final class StreamVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(StreamVerticle.class.getName());

  private final StreamSnapshots snapshots;
  private final BalancerRegistry balancers;
  private final UpstreamTls upstreamTls;
  private final StreamOptions options;
  private final List<NetServer> servers = new ArrayList<>();
  private NetClient client;

  StreamVerticle(StreamSnapshots snapshots, BalancerRegistry balancers, UpstreamTls upstreamTls,
      StreamOptions options) {
    this.snapshots = snapshots;
    this.balancers = balancers;
    this.upstreamTls = upstreamTls;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    return Future.succeededFuture();
  }

  /**
   * Binds {@code listener} on {@code port} (negative: a random port shared with the other loops)
   * on this verticle's event loop; {@code keys} serve its TLS when it says {@code ssl}.
   */
  Future<NetServer> listen(Listener listener, int port, X509KeyManager keys) {
    NetServerOptions server = new NetServerOptions().setHost(listener.host()).setPort(port).setTcpNoDelay(true)
        .setUseProxyProtocol(listener.flags().contains("proxy_protocol"));
    if (listener.ssl()) {
      server.setSsl(true).setSni(true).setKeyCertOptions(KeyCertOptions.wrap(keys));
    }
    Promise<NetServer> bound = Promise.promise();
    context.runOnContext(v -> vertx.createNetServer(server)
        .connectHandler(socket -> StreamSession.serve(vertx, client, upstreamTls, balancers, snapshots.current(),
            socket, facts(socket, listener)))
        .exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, () -> "stream connection: " + e))
        .listen().onSuccess(servers::add).onComplete(bound));
    return bound.future();
  }

  /**
   * The router's view of {@code socket}: on a {@code proxy_protocol} listener, a peer in {@code
   * trusted_ips} stands for the source its PROXY header names (nginx's stream realip module).
   */
  private StreamConnection facts(NetSocket socket, Listener listener) {
    SocketAddress real = socket.remoteAddress(true);
    SocketAddress source = real;
    if (listener.flags().contains("proxy_protocol") && options.trusted().contains(real.hostAddress())
        && socket.remoteAddress() != null) {
      source = socket.remoteAddress();
    }
    SocketAddress local = socket.localAddress(true);
    String sni = socket.isSsl() && socket.indicatedServerName() != null && !socket.indicatedServerName().isEmpty()
        ? socket.indicatedServerName().toLowerCase(Locale.ROOT) : null;
    return new StreamConnection(socket.isSsl() ? "tls" : "tcp", source.hostAddress(), source.port(),
        local.hostAddress(), local.port(), sni);
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    closing.add(client.close());
    return Future.join(closing);
  }
}
