package io.silverback.gateway.balancer;

import java.util.function.Predicate;

/** How one upstream chooses among its targets (Kong's {@code algorithm}). Thread-safe. */
interface Algorithm {
  /**
   * The address for one attempt, among those {@code eligible} accepts (available and not yet
   * tried by this request), or null when there is none.
   */
  Address pick(HashInput input, Predicate<Address> eligible);
}
