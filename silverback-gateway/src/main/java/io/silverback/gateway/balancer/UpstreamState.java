package io.silverback.gateway.balancer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run-time state of one upstream that outlives snapshots: the state of each of its target
 * addresses (by {@code target}), a counter of availability changes the balancers watch, and the
 * active checker. Dropped when the upstream is removed; an address's state is dropped when its
 * target is. Not thread-safe: only {@link BalancerRegistry#update} changes it.
 */
final class UpstreamState implements AutoCloseable {
  private final Map<String, AddressState> addresses = new ConcurrentHashMap<>();
  private final AtomicLong flips = new AtomicLong();
  private ActiveChecker checker;
  private boolean checked;

  /** The state of {@code target}, new when the target is. */
  AddressState address(String target) {
    return addresses.computeIfAbsent(target, t -> new AddressState());
  }

  /** Forgets the addresses not in {@code targets}. */
  void retain(Set<String> targets) {
    addresses.keySet().retainAll(targets);
  }

  AtomicLong flips() {
    return flips;
  }

  /**
   * Records whether health checks are on. Turning them off heals every address, as Kong's new
   * balancer without a checker starts with all addresses available.
   */
  void checked(boolean on) {
    if (checked && !on) {
      addresses.values().forEach(a -> a.health().set(true));
      flips.incrementAndGet();
    }
    checked = on;
  }

  ActiveChecker checker() {
    return checker;
  }

  /** Replaces the active checker (null for none), stopping the one before. */
  void checker(ActiveChecker next) {
    if (checker != null && checker != next) {
      checker.close();
    }
    checker = next;
  }

  @Override
  public void close() {
    checker(null);
  }
}
