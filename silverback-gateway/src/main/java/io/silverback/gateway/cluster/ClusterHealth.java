package io.silverback.gateway.cluster;

import io.silverback.gateway.balancer.BalancerException;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.store.ClusterEvents;
import io.silverback.store.StoreException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Target health set through the Admin API: applied to this node's balancers and, with a database,
 * to every other node's, as Kong's {@code balancer:post_health} cluster event does ({@code
 * kong/db/dao/targets.lua} {@code post_health}, applied by {@code kong/runloop/events.lua}).
 *
 * <p>Design. The local set comes first and alone decides the Admin API's answer; the broadcast
 * follows from one background thread, in order, so a slow or lost database never delays or fails
 * the answer (Kong ignores a failed broadcast too). A failed broadcast is logged once, then not
 * again until one goes through. Other nodes' sets are applied as they arrive, on the store's
 * listening thread; one this node cannot apply (no such upstream here, or no health checks) is
 * logged and dropped, as Kong's handler does. Nothing is stored: a node that starts later begins
 * with every target healthy, as Kong's does. DB-less nodes ({@link #local}) broadcast nothing.
 * Thread-safe.
 */
public final class ClusterHealth implements AutoCloseable {
  /** Kong's channel name. */
  static final String CHANNEL = "balancer:post_health";
  private static final System.Logger LOG = System.getLogger(ClusterHealth.class.getName());

  private final BalancerRegistry balancers;
  private final ClusterEvents events;
  private final ExecutorService sender;
  private final AutoCloseable subscription;
  private final AtomicBoolean failing = new AtomicBoolean();

  private ClusterHealth(BalancerRegistry balancers, ClusterEvents events) {
    this.balancers = Objects.requireNonNull(balancers, "balancers");
    this.events = events;
    if (events == null) {
      this.sender = null;
      this.subscription = null;
      return;
    }
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "silverback-health-broadcast");
      t.setDaemon(true);
      return t;
    });
    this.subscription = events.subscribe(CHANNEL, this::heard);
  }

  /** Health sets that stay on this node (DB-less: there is no one to tell). */
  public static ClusterHealth local(BalancerRegistry balancers) {
    return new ClusterHealth(balancers, null);
  }

  /** Health sets shared through {@code events}: this node's go out, the other nodes' are applied here. */
  public static ClusterHealth shared(BalancerRegistry balancers, ClusterEvents events) {
    return new ClusterHealth(balancers, Objects.requireNonNull(events, "events"));
  }

  /** The balancers the sets apply to. */
  public BalancerRegistry balancers() {
    return balancers;
  }

  /**
   * Applies {@code set} to this node's balancers, then queues its broadcast to the other nodes.
   *
   * @throws BalancerException when this node has no balancer for the upstream or it runs no health
   *     checks (Kong's messages); nothing is broadcast then
   */
  public void set(HealthSet set) {
    apply(set);
    if (sender == null) {
      return;
    }
    try {
      sender.execute(() -> send(set));
    } catch (RejectedExecutionException stopping) {
      // The node is stopping: the set holds here until the end, and no other node needs it more.
    }
  }

  private void apply(HealthSet set) {
    balancers.setHealth(set.upstreamId(), set.upstreamName(), set.target(), set.address(), set.healthy());
  }

  private void send(HealthSet set) {
    try {
      events.broadcast(CHANNEL, set.json());
      if (failing.compareAndSet(true, false)) {
        LOG.log(System.Logger.Level.INFO, "health sets reach the other nodes again");
      }
    } catch (RuntimeException e) {
      if (failing.compareAndSet(false, true)) {
        LOG.log(System.Logger.Level.WARNING, "target " + set.target() + " of upstream " + set.upstreamName()
            + " was set " + (set.healthy() ? "healthy" : "unhealthy") + " on this node only: broadcasting it to"
            + " the other nodes failed (" + e.getMessage() + "); further failures are not logged until a"
            + " broadcast goes through", e instanceof StoreException ? null : e);
      }
    }
  }

  /** Another node's set. */
  private void heard(String data) {
    HealthSet set;
    try {
      set = HealthSet.parse(data);
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring a health event that is not a health set (" + e.getMessage()
          + "): " + data);
      return;
    }
    try {
      apply(set);
    } catch (BalancerException e) {
      LOG.log(System.Logger.Level.WARNING, "failed applying another node's health set of target " + set.target()
          + " of upstream " + set.upstreamName() + " (" + set.upstreamId() + "): " + e.getMessage());
    }
  }

  /** Stops hearing other nodes; broadcasts already queued are given a second to go out. */
  @Override
  public void close() {
    if (subscription == null) {
      return;
    }
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the health event subscription failed", e);
    }
    sender.shutdown();
    try {
      sender.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
