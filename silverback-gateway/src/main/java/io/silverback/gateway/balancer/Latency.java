package io.silverback.gateway.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The {@code latency} algorithm (Kong's {@code kong/runloop/balancer/latency.lua}, after Finagle's
 * peak EWMA): each address keeps a moving average of connect-plus-response time, decaying with a
 * 10 s time constant ({@link AddressState}); a pick takes two eligible addresses at random and
 * keeps the one with the lower {@code average / weight}.
 *
 * <p>Why two random choices rather than the global minimum: a burst of requests arriving before
 * any of them is measured would all go to the one fastest address; two choices spread the burst
 * while still steering clear of slow addresses. New addresses start at the average of the others
 * (Kong's slow start), so they neither flood nor starve.
 */
final class Latency implements Algorithm {
  private final List<Address> addresses;
  private final LongSupplier nanos;
  private final RandomGenerator random;

  Latency(List<Address> weighted, LongSupplier nanos, RandomGenerator random) {
    this.addresses = List.copyOf(weighted);
    this.nanos = nanos;
    this.random = random;
    startNewAddresses();
  }

  @Override
  public Address pick(HashInput input, Predicate<Address> eligible) {
    List<Address> candidates = new ArrayList<>(addresses.size());
    for (Address a : addresses) {
      if (eligible.test(a)) {
        candidates.add(a);
      }
    }
    int n = candidates.size();
    if (n <= 1) {
      return n == 0 ? null : candidates.get(0);
    }
    int i = random.nextInt(n);
    int j = random.nextInt(n - 1);
    if (j >= i) {
      j++;
    }
    long now = nanos.getAsLong();
    Address a = candidates.get(i);
    Address b = candidates.get(j);
    return score(b, now) < score(a, now) ? b : a;
  }

  private static double score(Address a, long now) {
    return a.state().latency(now) / a.weight();
  }

  private void startNewAddresses() {
    long now = nanos.getAsLong();
    double sum = 0;
    int measured = 0;
    for (Address a : addresses) {
      if (a.state().isMeasured()) {
        sum += a.state().latency(now);
        measured++;
      }
    }
    double average = measured == 0 ? 0 : sum / measured;
    for (Address a : addresses) {
      a.state().startAt(average, now);
    }
  }
}
