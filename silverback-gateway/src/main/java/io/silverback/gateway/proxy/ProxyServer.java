package io.silverback.gateway.proxy;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.loop.LoopDeployment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.UnaryOperator;

/**
 * A node's proxy: one {@link ProxyVerticle} per event loop (by default one per core, as Kong runs
 * one nginx worker per core), each bound to every {@code proxy_listen} address with its own
 * upstream pools. Connections spread over the loops; a request stays on the loop that accepted
 * it from first byte to log phase.
 */
public final class ProxyServer {
  private final LoopDeployment<ProxyVerticle> loops;

  private ProxyServer(LoopDeployment<ProxyVerticle> loops) {
    this.loops = loops;
  }

  /**
   * The event loops to serve on: Kong's {@code nginx_worker_processes}, a number, or {@code auto}
   * for one per available core.
   */
  public static int workers(NodeConf conf) {
    String value = conf.get("nginx_worker_processes").strip();
    return value.equalsIgnoreCase("auto") ? Math.max(1, Runtime.getRuntime().availableProcessors())
        : Integer.parseInt(value);
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
    return LoopDeployment.deploy(vertx, instances, () -> new ProxyVerticle(snapshots, balancers, options))
        .map(ProxyServer::new);
  }

  /** As {@link #listen(String, int, UnaryOperator)} for a plain HTTP listener. */
  public Future<Integer> listen(String host, int port) {
    return listen(host, port, UnaryOperator.identity());
  }

  /**
   * Binds {@code host:port} on every event loop ({@link LoopDeployment#listen}; port 0 picks a
   * free port).
   *
   * @param listener the listener's own server settings on top of the proxy's (TLS for an {@code
   *     ssl} listener: {@link io.silverback.gateway.tls.ProxyTls#serverOptions})
   * @return the bound port; a failed future when the address cannot be bound
   */
  public Future<Integer> listen(String host, int port, UnaryOperator<HttpServerOptions> listener) {
    return loops.listen(port, (v, shared) -> v.listen(host, shared, listener), HttpServer::actualPort);
  }

  /** Closes every listener and upstream pool. */
  public Future<Void> close() {
    return loops.close();
  }
}
