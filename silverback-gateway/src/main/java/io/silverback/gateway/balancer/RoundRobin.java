package io.silverback.gateway.balancer;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Weighted round-robin as Kong's {@code kong/runloop/balancer/round_robin.lua}: a wheel on which
 * each address appears weight/gcd times, shuffled once, and a pointer that moves one slot per
 * pick, skipping unavailable and already tried addresses.
 *
 * <p>Why a wheel rather than nginx's smooth weighted round-robin: a pick is one atomic increment
 * and an array read, with no lock and no per-pick arithmetic over all targets, and it is what
 * Kong does, so traffic shares match Kong's. The wheel holds address indexes ({@code int}s); when
 * weights share no divisor and sum past {@link #MAX_WHEEL}, they are scaled down proportionally
 * so the wheel stays small (Kong has no such cap).
 */
final class RoundRobin implements Algorithm {
  static final int MAX_WHEEL = 1 << 20;
  private final List<Address> addresses;
  private final int[] wheel;
  private final AtomicInteger pointer = new AtomicInteger();

  RoundRobin(List<Address> weighted, RandomGenerator random) {
    this.addresses = List.copyOf(weighted);
    this.wheel = shuffled(points(addresses), random);
  }

  @Override
  public Address pick(HashInput input, Predicate<Address> eligible) {
    int n = wheel.length;
    if (n == 0) {
      return null;
    }
    int start = pointer.getAndIncrement();
    for (int k = 0; k < n; k++) {
      Address a = addresses.get(wheel[Math.floorMod(start + k, n)]);
      if (eligible.test(a)) {
        return a;
      }
    }
    return null;
  }

  /** Slots per address: weight/gcd, scaled down when the total would pass {@link #MAX_WHEEL}. */
  private static long[] points(List<Address> addresses) {
    long gcd = 0;
    long total = 0;
    for (Address a : addresses) {
      gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(a.weight())).longValue();
      total += a.weight();
    }
    long[] points = new long[addresses.size()];
    if (total == 0) {
      return points;
    }
    double scale = total / gcd > MAX_WHEEL ? (double) MAX_WHEEL / total : 1.0 / gcd;
    for (int i = 0; i < points.length; i++) {
      points[i] = Math.max(1, Math.round(addresses.get(i).weight() * scale));
    }
    return points;
  }

  private static int[] shuffled(long[] points, RandomGenerator random) {
    long size = 0;
    for (long p : points) {
      size += p;
    }
    int[] wheel = new int[(int) size];
    int at = 0;
    for (int i = 0; i < points.length; i++) {
      for (long p = 0; p < points[i]; p++) {
        wheel[at++] = i;
      }
    }
    for (int i = wheel.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = wheel[i];
      wheel[i] = wheel[j];
      wheel[j] = t;
    }
    return wheel;
  }
}
