package io.silverback.gateway.stream;

import io.silverback.core.conf.Listener;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.tls.UpstreamTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509KeyManager;

/**
 * A node's stream proxy: one {@link StreamVerticle} per event loop, each bound to every {@code
 * stream_listen} address, as {@code ProxyServer} is for {@code proxy_listen}. A connection stays
 * on the loop that accepted it, and so does its upstream connection.
 */
public final class StreamServer {
  private final Vertx vertx;
  private final String deployment;
  private final List<StreamVerticle> verticles;
  /** Vert.x shares a random port among servers asking for the same negative port: one per listener. */
  private int randomPorts;

  private StreamServer(Vertx vertx, String deployment, List<StreamVerticle> verticles) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.verticles = verticles;
  }

  /**
   * Deploys {@code instances} stream verticles on {@code vertx}; bind them with {@link #listen}.
   *
   * @return the stream proxy once every verticle started
   * @throws IllegalArgumentException when {@code instances} is below 1
   */
  public static Future<StreamServer> start(Vertx vertx, StreamSnapshots snapshots, BalancerRegistry balancers,
      int instances, StreamOptions options) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, was " + instances);
    }
    UpstreamTls upstreamTls = new UpstreamTls();
    List<StreamVerticle> verticles = new ArrayList<>();
    return vertx.deployVerticle(() -> {
      StreamVerticle v = new StreamVerticle(snapshots, balancers, upstreamTls, options);
      synchronized (verticles) {
        verticles.add(v);
      }
      return v;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new StreamServer(vertx, id, List.copyOf(verticles)));
  }

  /**
   * Binds {@code listener} on every event loop: the first verticle binds, the others share its
   * socket. Port 0 picks a free port, one per listener.
   *
   * @param keys the server certificates of an {@code ssl} listener, by SNI; null otherwise
   * @return the bound port; a failed future when the address cannot be bound
   */
  public synchronized Future<Integer> listen(Listener listener, X509KeyManager keys) {
    int shared = listener.port() == 0 ? -++randomPorts : listener.port();
    return verticles.get(0).listen(listener, shared, keys).compose(first -> {
      List<Future<NetServer>> rest = new ArrayList<>();
      for (int i = 1; i < verticles.size(); i++) {
        rest.add(verticles.get(i).listen(listener, shared, keys));
      }
      return Future.all(rest).map(first.actualPort());
    });
  }

  /** Closes every listener; established connections are closed with their event loops. */
  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }
}
