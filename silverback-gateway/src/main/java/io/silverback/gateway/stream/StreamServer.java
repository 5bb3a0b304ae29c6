package io.silverback.gateway.stream;

import io.silverback.core.conf.Listener;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.loop.LoopDeployment;
import io.silverback.gateway.tls.UpstreamTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import javax.net.ssl.X509KeyManager;

/**
 * A node's stream proxy: one {@link StreamVerticle} per event loop, each bound to every {@code
 * stream_listen} address, as {@code ProxyServer} is for {@code proxy_listen}. A connection stays
 * on the loop that accepted it, and so does its upstream connection.
 */
public final class StreamServer {
  private final LoopDeployment<StreamVerticle> loops;

  private StreamServer(LoopDeployment<StreamVerticle> loops) {
    this.loops = loops;
  }

  /**
   * Deploys {@code instances} stream verticles on {@code vertx}; bind them with {@link #listen}.
   *
   * @return the stream proxy once every verticle started
   * @throws IllegalArgumentException when {@code instances} is below 1
   */
  public static Future<StreamServer> start(Vertx vertx, StreamSnapshots snapshots, BalancerRegistry balancers,
      int instances, StreamOptions options) {
    UpstreamTls upstreamTls = new UpstreamTls();
    return LoopDeployment.deploy(vertx, instances,
        () -> new StreamVerticle(snapshots, balancers, upstreamTls, options)).map(StreamServer::new);
  }

  /**
   * Binds {@code listener} on every event loop ({@link LoopDeployment#listen}; port 0 picks a free
   * port, one per listener).
   *
   * @param keys the server certificates of an {@code ssl} listener, by SNI; null otherwise
   * @return the bound port; a failed future when the address cannot be bound
   */
  public Future<Integer> listen(Listener listener, X509KeyManager keys) {
    return loops.listen(listener.port(), (v, shared) -> v.listen(listener, shared, keys), NetServer::actualPort);
  }

  /** Closes every listener; established connections are closed with their event loops. */
  public Future<Void> close() {
    return loops.close();
  }
}
