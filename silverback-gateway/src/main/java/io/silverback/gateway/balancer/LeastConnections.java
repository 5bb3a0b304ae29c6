package io.silverback.gateway.balancer;

import java.util.List;
import java.util.function.Predicate;

/**
 * Least-connections as Kong's {@code kong/runloop/balancer/least_connections.lua}: the eligible
 * address with the lowest {@code (active + 1) / weight}, so that among idle addresses the heaviest
 * goes first; ties go to the earlier target.
 *
 * <p>Why a scan rather than Kong's binary heap: an upstream has a handful of targets, the counts
 * are atomics the proxy's event loops update concurrently, and a scan reads them without a lock;
 * a heap would need one around every acquire and release.
 */
final class LeastConnections implements Algorithm {
  private final List<Address> addresses;

  LeastConnections(List<Address> weighted) {
    this.addresses = List.copyOf(weighted);
  }

  @Override
  public Address pick(HashInput input, Predicate<Address> eligible) {
    Address best = null;
    double bestScore = Double.MAX_VALUE;
    for (Address a : addresses) {
      if (eligible.test(a)) {
        double score = (a.state().active() + 1.0) / a.weight();
        if (score < bestScore) {
          best = a;
          bestScore = score;
        }
      }
    }
    return best;
  }
}
