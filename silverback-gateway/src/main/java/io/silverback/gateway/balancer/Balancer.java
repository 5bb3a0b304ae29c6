package io.silverback.gateway.balancer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The balancer of one upstream in one snapshot: its targets, its algorithm and its health
 * checks. The run-time state of each address ({@link AddressState}) is shared with the
 * balancers of earlier and later snapshots, so a report for a peer picked from an older one still
 * counts. Thread-safe.
 *
 * <p>Upstream health follows Kong's {@code balancer_mt:updateStatus}: with no weight at all, or
 * with no more than {@code healthchecks.threshold} percent of the weight available, the upstream
 * is unhealthy and {@link #pick} answers null. It is recomputed only after an address changed
 * availability ({@code flips} moved), not on every pick.
 */
final class Balancer implements UpstreamBalancer {
  private final String id;
  private final String name;
  private final String hostHeader;
  private final List<Address> all;
  private final List<Address> unresolved;
  private final List<Address> weighted;
  private final Map<Peer, Address> byPeer = new HashMap<>();
  private final Healthchecks checks;
  private final Algorithm algorithm;
  private final AtomicLong flips;
  private final LongSupplier nanos;
  private volatile long seen = -1;
  private volatile boolean healthy;

  Balancer(String id, String name, String hostHeader, List<Address> all, List<Address> unresolved,
      Healthchecks checks, Algorithm algorithm, AtomicLong flips, LongSupplier nanos) {
    this.id = id;
    this.name = name;
    this.hostHeader = hostHeader;
    this.all = List.copyOf(all);
    this.unresolved = List.copyOf(unresolved);
    this.weighted = all.stream().filter(a -> a.weight() > 0).toList();
    this.checks = checks;
    this.algorithm = algorithm;
    this.flips = flips;
    this.nanos = nanos;
    weighted.forEach(a -> byPeer.put(a.peer(), a));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String hostHeader() {
    return hostHeader;
  }

  String id() {
    return id;
  }

  Healthchecks checks() {
    return checks;
  }

  List<Address> addresses() {
    return all;
  }

  @Override
  public Peer pick(HashInput input, Set<Peer> tried) {
    if (!healthy()) {
      return null;
    }
    Address a = algorithm.pick(input, x -> available(x) && !tried.contains(x.peer()));
    if (a == null) {
      return null;
    }
    a.state().acquired();
    return a.peer();
  }

  @Override
  public void report(Peer peer, Outcome outcome, int status, long latencyMillis) {
    Address a = byPeer.get(peer);
    if (a == null) {
      return;
    }
    if (outcome == Outcome.RESPONSE) {
      a.state().measured(latencyMillis, nanos.getAsLong());
    }
    if (!checks.enabled()) {
      return;
    }
    TargetHealth health = a.state().health();
    Checks passive = checks.passive();
    boolean flipped = switch (outcome) {
      case RESPONSE -> health.reportStatus(status, passive);
      case TCP_FAILURE -> health.count(TargetHealth.Counter.TCP_FAILURE, passive.tcpFailures());
      case TIMEOUT -> health.count(TargetHealth.Counter.TIMEOUT, passive.timeouts());
    };
    if (flipped) {
      flips.incrementAndGet();
    }
  }

  @Override
  public void release(Peer peer) {
    Address a = byPeer.get(peer);
    if (a != null) {
      a.state().released();
    }
  }

  /** Whether enough weight is available for the upstream to be healthy. */
  boolean healthy() {
    long now = flips.get();
    if (now != seen) {
      healthy = computeHealthy();
      seen = now;
    }
    return healthy;
  }

  private boolean computeHealthy() {
    long total = 0;
    long available = 0;
    for (Address a : weighted) {
      total += a.weight();
      available += available(a) ? a.weight() : 0;
    }
    return total > 0 && available * 100.0 / total > checks.threshold();
  }

  private boolean available(Address a) {
    return !checks.enabled() || a.state().health().available();
  }

  /**
   * Sets the health of {@code target}'s address {@code address} ({@code host:port}), or of all
   * its addresses when {@code address} is null; an address the target does not have is ignored,
   * as Kong's health checker ignores it.
   *
   * @throws BalancerException when the upstream runs no health checks
   */
  void setHealth(String target, String address, boolean isHealthy) {
    if (!checks.enabled()) {
      throw new BalancerException("no healthchecker found for " + name);
    }
    for (Address a : all) {
      if (a.target().equals(target) && (address == null || address.equals(a.peer().address()))
          && a.state().health().set(isHealthy)) {
        flips.incrementAndGet();
      }
    }
  }

  /** Whether no target resolved and some did not: Kong's 503 {@code name resolution failed}. */
  @Override
  public boolean nameResolutionFailed() {
    return all.isEmpty() && !unresolved.isEmpty();
  }

  /** Whether a target is a name (then its addresses are re-resolved when their answers expire). */
  boolean hasNames() {
    return !unresolved.isEmpty() || all.stream().anyMatch(a -> TargetResolver.isName(a.name()));
  }

  /** The health of every target, with each of its addresses, for the Admin API. */
  UpstreamHealth health() {
    Map<String, List<UpstreamHealth.AddressHealth>> byTarget = new LinkedHashMap<>();
    Map<String, Address> first = new LinkedHashMap<>();
    int total = 0;
    int unavailable = 0;
    for (Address a : all) {
      Health h = !checks.enabled() || a.weight() == 0 ? Health.HEALTHCHECKS_OFF
          : a.state().health().available() ? Health.HEALTHY : Health.UNHEALTHY;
      first.putIfAbsent(a.target(), a);
      byTarget.computeIfAbsent(a.target(), k -> new ArrayList<>())
          .add(new UpstreamHealth.AddressHealth(a.peer().host(), a.port(), a.weight(), h));
      total += a.weight();
      unavailable += available(a) ? 0 : a.weight();
    }
    for (Address a : unresolved) {
      first.putIfAbsent(a.target(), a);
      byTarget.putIfAbsent(a.target(), List.of());
    }
    List<UpstreamHealth.Target> targets = new ArrayList<>();
    first.forEach((target, a) -> targets.add(new UpstreamHealth.Target(target, a.name(), a.port(), a.weight(),
        byTarget.get(target))));
    return new UpstreamHealth(id, checks.enabled(), healthy(), total, unavailable, targets);
  }
}
