package io.silverback.gateway.proxy;

import io.silverback.gateway.balancer.BalancerRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's proxy: one {@link ProxyVerticle} per event loop (by default one per core, as Kong runs
 * one nginx worker per core), each bound to every {@code proxy_listen} address with its own
 * upstream pools. Connections spread over the loops; a request stays on the loop that accepted
 * it from first byte to log phase.
 */
public final class ProxyServer {
  private final Vertx vertx;
  private final String deployment;
  private final List<ProxyVerticle> verticles;

  private ProxyServer(Vertx vertx, String deployment, List<ProxyVerticle> verticles) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.verticles = verticles;
  }

  /** Event loops to serve on when not told: one per available core, as Kong's {@code nginx_worker_processes = auto}. */
  public static int defaultInstances() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Deploys {@code instances} proxy verticles on {@code vertx}; bind them with {@link #listen}.
   *
   * @param snapshots the snapshots to serve from
   * @param balancers the node's balancers
   * @return the proxy once every verticle started
   */
  public static Future<ProxyServer> start(Vertx vertx, ProxySnapshots snapshots, BalancerRegistry balancers,
      int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, was " + instances);
    }
    List<ProxyVerticle> verticles = new ArrayList<>();
    return vertx.deployVerticle(() -> {
      ProxyVerticle v = new ProxyVerticle(snapshots, balancers);
      synchronized (verticles) {
        verticles.add(v);
      }
      return v;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new ProxyServer(vertx, id, List.copyOf(verticles)));
  }

  /**
   * Binds {@code host:port} on every event loop. The first verticle binds; the others share its
   * socket (Vert.x hands each accepted connection to one of them). Port 0 picks a free port, which
   * Vert.x shares when it is asked for as port -1.
   *
   * @return the bound port; a failed future when the address cannot be bound
   */
  public Future<Integer> listen(String host, int port) {
    int shared = port == 0 ? -1 : port;
    return verticles.get(0).listen(host, shared).compose(first -> {
      List<Future<HttpServer>> rest = new ArrayList<>();
      for (int i = 1; i < verticles.size(); i++) {
        rest.add(verticles.get(i).listen(host, shared));
      }
      return Future.all(rest).map(first.actualPort());
    });
  }

  /** Closes every listener and upstream pool. */
  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }
}
