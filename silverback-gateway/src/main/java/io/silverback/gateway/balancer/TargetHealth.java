package io.silverback.gateway.balancer;

/**
 * The health of one target address, counted as lua-resty-healthcheck counts it
 * ({@code incr_counter} in {@code resty/healthcheck.lua}), which Kong's balancer uses for both
 * active and passive checks.
 *
 * <p>Four counters: successes, HTTP failures, TCP failures and timeouts. A success clears the
 * failure counters, a failure clears the successes. When a counter reaches its threshold the
 * target becomes fully healthy or unhealthy; a first failure of a healthy target makes it
 * "mostly healthy" (still available), a first success of an unhealthy one "mostly unhealthy"
 * (still unavailable). A fully healthy target does not count successes and a fully unhealthy one
 * does not count failures. A threshold of 0 switches its counter off.
 *
 * <p>A status in neither list is neutral: it changes no counter and no state, and the next
 * listed status counts on from where the counters were (Kong issue #15001 reported counters
 * frozen by such statuses). Thread-safe.
 */
final class TargetHealth {
  /** Which counter a report feeds. */
  enum Counter { SUCCESS, HTTP_FAILURE, TCP_FAILURE, TIMEOUT }

  private enum State { HEALTHY, MOSTLY_HEALTHY, MOSTLY_UNHEALTHY, UNHEALTHY }

  private static final int MAX = 255;
  private State state = State.HEALTHY;
  private int successes;
  private int httpFailures;
  private int tcpFailures;
  private int timeouts;
  private volatile boolean available = true;

  /** Whether the balancer may hand this address out. */
  boolean available() {
    return available;
  }

  /**
   * Counts an HTTP status by {@code checks}' lists; 0 (no valid status line) is an HTTP failure.
   *
   * @return whether the address became available or unavailable
   */
  boolean reportStatus(int status, Checks checks) {
    if (checks.healthyStatuses().contains(status)) {
      return count(Counter.SUCCESS, checks.successes());
    }
    if (status == 0 || checks.unhealthyStatuses().contains(status)) {
      return count(Counter.HTTP_FAILURE, checks.httpFailures());
    }
    return false;
  }

  /**
   * Counts one report on {@code counter}, whose threshold is {@code limit}.
   *
   * @return whether the address became available or unavailable
   */
  synchronized boolean count(Counter counter, int limit) {
    boolean success = counter == Counter.SUCCESS;
    if (limit == 0 || success && state == State.HEALTHY || !success && state == State.UNHEALTHY) {
      return false;
    }
    int reached = increment(counter);
    if (success) {
      httpFailures = 0;
      tcpFailures = 0;
      timeouts = 0;
    } else {
      successes = 0;
    }
    State next = null;
    if (reached >= limit) {
      next = success ? State.HEALTHY : State.UNHEALTHY;
    } else if (state == State.HEALTHY && !success) {
      next = State.MOSTLY_HEALTHY;
    } else if (state == State.UNHEALTHY && success) {
      next = State.MOSTLY_UNHEALTHY;
    }
    return next != null && moveTo(next);
  }

  /**
   * Sets the health outright and clears the counters (the Admin API's {@code healthy} and
   * {@code unhealthy} endpoints).
   *
   * @return whether the address became available or unavailable
   */
  synchronized boolean set(boolean healthy) {
    successes = 0;
    httpFailures = 0;
    tcpFailures = 0;
    timeouts = 0;
    return moveTo(healthy ? State.HEALTHY : State.UNHEALTHY);
  }

  /** Whether active probes of healthy targets (true) or of unhealthy ones (false) cover it. */
  synchronized boolean probedAsHealthy() {
    return state == State.HEALTHY || state == State.MOSTLY_HEALTHY;
  }

  private int increment(Counter counter) {
    return switch (counter) {
      case SUCCESS -> successes = Math.min(MAX, successes + 1);
      case HTTP_FAILURE -> httpFailures = Math.min(MAX, httpFailures + 1);
      case TCP_FAILURE -> tcpFailures = Math.min(MAX, tcpFailures + 1);
      case TIMEOUT -> timeouts = Math.min(MAX, timeouts + 1);
    };
  }

  private boolean moveTo(State next) {
    boolean was = available;
    state = next;
    available = next == State.HEALTHY || next == State.MOSTLY_HEALTHY;
    return was != available;
  }

  @Override
  public synchronized String toString() {
    return state + " (successes " + successes + ", http_failures " + httpFailures + ", tcp_failures "
        + tcpFailures + ", timeouts " + timeouts + ")";
  }
}
