package io.silverback.gateway.balancer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a node learns about one target address at run time: its health, the attempts in flight
 * to it (least-connections) and its latency average (latency). It is carried from one snapshot's
 * balancer to the next while the upstream and the address stay, so a reload neither heals an
 * unhealthy target nor forgets a slow one (Kong issues #7835, #12528). Never stored. Thread-safe.
 */
final class AddressState {
  /** Kong's {@code DECAY_TIME}: the latency average forgets with this time constant. */
  static final long DECAY_NANOS = 10_000_000_000L;

  private final TargetHealth health = new TargetHealth();
  private final AtomicInteger active = new AtomicInteger();
  private double ewma;
  private long touched;
  private boolean measured;

  TargetHealth health() {
    return health;
  }

  int active() {
    return active.get();
  }

  void acquired() {
    active.incrementAndGet();
  }

  void released() {
    active.getAndUpdate(n -> Math.max(0, n - 1));
  }

  /**
   * The latency average at {@code now}, decayed towards 0 since it was last measured (Kong's
   * score: an idle address looks better as time passes, so it gets tried again).
   */
  synchronized double latency(long now) {
    return ewma * decay(now);
  }

  /**
   * Folds in one measured round trip: a slower one than the average replaces it at once (the
   * "peak" of Finagle's peak EWMA, so a target that turns slow is avoided immediately), a faster
   * one is averaged in with weight {@code 1 - exp(-dt/10s)}.
   */
  synchronized void measured(double rttMillis, long now) {
    double w = decay(now);
    ewma = rttMillis > ewma ? rttMillis : ewma * w + rttMillis * (1 - w);
    touched = now;
    measured = true;
  }

  /** Gives a new address the average of the others (Kong's slow start); no-op once measured. */
  synchronized void startAt(double average, long now) {
    if (!measured) {
      ewma = average;
      touched = now;
      measured = true;
    }
  }

  synchronized boolean isMeasured() {
    return measured;
  }

  private double decay(long now) {
    long dt = Math.max(0, now - touched);
    return Math.exp(-(double) dt / DECAY_NANOS);
  }
}
