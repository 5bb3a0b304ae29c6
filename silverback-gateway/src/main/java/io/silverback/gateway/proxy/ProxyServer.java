package io.silverback.gateway.proxy;

import io.silverback.gateway.balancer.BalancerRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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
  /** Vert.x shares a random port among servers asking for the same negative port: one per listener. */
  private int randomPorts;

  private ProxyServer(Vertx vertx, String deployment, List<ProxyVerticle> verticles) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.verticles = verticles;
  }

  /** Event loops to serve on when not told: one per available core, as Kong's {@code nginx_worker_processes = auto}. */
  public static int defaultInstances() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #start(Vertx, ProxySnapshots, BalancerRegistry, int, ProxyOptions)} with Kong's default options. */
  public static Future<ProxyServer> start(Vertx vertx, ProxySnapshots snapshots, BalancerRegistry balancers,
      int instances) {
    return start(vertx, snapshots, balancers, instances, ProxyOptions.DEFAULTS);
  }

  /**
   * Deploys {@code instances} proxy verticles on {@code vertx}; bind them with {@link #listen}.
   *
   * @param snapshots the snapshots to serve from
   * @param balancers the node's balancers
   * @param options the node's proxy settings
   * @return the proxy once every verticle started
   * @throws IllegalArgumentException when {@code instances} is below 1
   */
  public static Future<ProxyServer> start(Vertx vertx, ProxySnapshots snapshots, BalancerRegistry balancers,
      int instances, ProxyOptions options) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, was " + instances);
    }
    List<ProxyVerticle> verticles = new ArrayList<>();
    return vertx.deployVerticle(() -> {
      ProxyVerticle v = new ProxyVerticle(snapshots, balancers, options);
      synchronized (verticles) {
        verticles.add(v);
      }
      return v;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new ProxyServer(vertx, id, List.copyOf(verticles)));
  }

  /** As {@link #listen(String, int, UnaryOperator)} for a plain HTTP listener. */
  public Future<Integer> listen(String host, int port) {
    return listen(host, port, UnaryOperator.identity());
  }

  /**
   * Binds {@code host:port} on every event loop. The first verticle binds; the others share its
   * socket (Vert.x hands each accepted connection to one of them). Port 0 picks a free port, which
   * Vert.x shares when it is asked for as a negative port, a different one for each listener (two
   * listeners on port 0 must not share one socket).
   *
   * @param listener the listener's own server settings on top of the proxy's (TLS for an {@code
   *     ssl} listener: {@link io.silverback.gateway.tls.ProxyTls#serverOptions})
   * @return the bound port; a failed future when the address cannot be bound
   */
  public synchronized Future<Integer> listen(String host, int port, UnaryOperator<HttpServerOptions> listener) {
    int shared = port == 0 ? -++randomPorts : port;
    return verticles.get(0).listen(host, shared, listener).compose(first -> {
      List<Future<HttpServer>> rest = new ArrayList<>();
      for (int i = 1; i < verticles.size(); i++) {
        rest.add(verticles.get(i).listen(host, shared, listener));
      }
      return Future.all(rest).map(first.actualPort());
    });
  }

  /** Closes every listener and upstream pool. */
  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }
}
