package io.silverback.gateway.balancer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Consistent hashing as Kong's {@code kong/runloop/balancer/consistent_hashing.lua}: a
 * Ketama-style continuum of {@code slots} points (at least 1000), on which each address takes
 * {@code floor(weight / total * targets * 160)} points (at least one when its weight is above 0),
 * each at {@code xxhash32("<host>::<port> <i>") mod points}; a taken point moves the address on to
 * one more entry. A request's value lands at {@code xxhash32(value) mod points} and walks
 * counter-clockwise to the first eligible address.
 *
 * <p>Why this beats hashing modulo the target count: adding or removing a target remaps only
 * the keys of that target's points, and an unhealthy target is skipped, not removed, so the
 * other keys keep their target. Addresses are placed in sorted order (host, then port), so every
 * node (and Kong itself, for the same targets) builds the same continuum whatever the order the
 * targets came in. Unlike Kong, a full circle is walked, and a retry skips the addresses the
 * request already tried.
 */
final class ConsistentHashing implements Algorithm {
  private static final int MIN_POINTS = 1000;
  private static final int SERVER_POINTS = 160;
  private static final System.Logger LOG = System.getLogger(ConsistentHashing.class.getName());
  private final Address[] continuum;
  private final HashOn hashOn;

  /**
   * @param all every target of the upstream, those with weight 0 included (they count in Kong's
   *     target total but take no points)
   */
  ConsistentHashing(List<Address> all, int slots, HashOn hashOn, String upstream) {
    this.hashOn = hashOn;
    this.continuum = new Address[slots >= MIN_POINTS ? slots : MIN_POINTS];
    List<Address> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(Address::name).thenComparingInt(Address::port));
    long total = 0;
    for (Address a : sorted) {
      total += a.weight();
    }
    for (Address a : sorted) {
      if (a.weight() > 0 && !place(a, entries(a, total, sorted.size()))) {
        LOG.log(System.Logger.Level.ERROR, "upstream {0}: the consistent-hashing continuum of {1} slots is too "
            + "small for its targets; increase its slots", upstream, continuum.length);
        return;
      }
    }
  }

  @Override
  public Address pick(HashInput input, Predicate<Address> eligible) {
    int points = continuum.length;
    int index = (int) (Xxhash32.hash(hashOn.value(input)) % points);
    for (int k = 0; k < points; k++) {
      Address a = continuum[Math.floorMod(index - k, points)];
      if (a != null && eligible.test(a)) {
        return a;
      }
    }
    return null;
  }

  private static long entries(Address a, long total, int targets) {
    long n = (long) Math.floor((double) a.weight() / total * targets * SERVER_POINTS);
    return Math.max(1, n);
  }

  /** Places {@code entries} points of {@code a}; false when the continuum ran out of room. */
  private boolean place(Address a, long entries) {
    String prefix = a.name() + "::" + a.port() + " ";
    for (long i = 1; i <= entries; i++) {
      int point = (int) (Xxhash32.hash(prefix + i) % continuum.length);
      if (continuum[point] == null) {
        continuum[point] = a;
      } else {
        entries++;
      }
      if (i > continuum.length) {
        return false;
      }
    }
    return true;
  }
}
