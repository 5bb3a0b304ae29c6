package io.silverback.gateway.loop;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One verticle per event loop, bound together to each listener: the first verticle binds, the
 * others share its socket (Vert.x hands each accepted connection to one of them), so a connection
 * stays on the loop that accepted it. Port 0 picks a free port, which Vert.x shares when it is
 * asked for as a negative port: a different one for each listener (two listeners on port 0 must
 * not share one socket).
 *
 * @param <V> the verticle
 */
public final class LoopDeployment<V extends VerticleBase> {
  private final Vertx vertx;
  private final String id;
  private final List<V> verticles;
  private int randomPorts;

  private LoopDeployment(Vertx vertx, String id, List<V> verticles) {
    this.vertx = vertx;
    this.id = id;
    this.verticles = verticles;
  }

  /**
   * Deploys {@code instances} verticles made by {@code factory}.
   *
   * @return the deployment once every verticle started
   * @throws IllegalArgumentException when {@code instances} is below 1
   */
  public static <V extends VerticleBase> Future<LoopDeployment<V>> deploy(Vertx vertx, int instances,
      Supplier<V> factory) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, was " + instances);
    }
    List<V> verticles = new ArrayList<>();
    return vertx.deployVerticle(() -> {
      V v = factory.get();
      synchronized (verticles) {
        verticles.add(v);
      }
      return v;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new LoopDeployment<>(vertx, id, List.copyOf(verticles)));
  }

  /**
   * Binds every verticle to one listener.
   *
   * @param port the listener's port (0: a free one)
   * @param bind binds one verticle to a port (the shared one Vert.x understands)
   * @param actualPort the port a bound server got
   * @return the bound port; a failed future when the address cannot be bound
   */
  public synchronized <S> Future<Integer> listen(int port, BiFunction<V, Integer, Future<S>> bind,
      ToIntFunction<S> actualPort) {
    int shared = port == 0 ? -++randomPorts : port;
    return bind.apply(verticles.get(0), shared).compose(first -> {
      List<Future<S>> rest = new ArrayList<>();
      for (int i = 1; i < verticles.size(); i++) {
        rest.add(bind.apply(verticles.get(i), shared));
      }
      return Future.all(rest).map(actualPort.applyAsInt(first));
    });
  }

  /** Undeploys the verticles: they close their listeners and connections. */
  public Future<Void> close() {
    return vertx.undeploy(id);
  }
}
