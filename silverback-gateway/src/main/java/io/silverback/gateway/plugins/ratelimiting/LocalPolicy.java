package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code local} policy: counters in this JVM, shared by every event loop of the node, as
 * Kong's {@code kong_rate_limiting_counters} shared dictionary is shared by the workers. A
 * counter lives {@link Period#expirationSeconds()} from its first request; expired ones are
 * swept every {@value #SWEEP_EVERY} increments, so memory follows the live windows only.
 */
final class LocalPolicy implements CounterPolicy {
  private static final int SWEEP_EVERY = 4096;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicLong increments = new AtomicLong();

  private record Counter(AtomicLong value, long expiresAtMillis) {}

  @Override
  public Future<Map<Period, Long>> usage(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    return Future.succeededFuture(counts(keys, nowMillis));
  }

  /** The counts of {@code keys}, as {@link #usage}, without a future: this policy never waits. */
  Map<Period, Long> counts(Map<Period, String> keys, long nowMillis) {
    Map<Period, Long> out = new EnumMap<>(Period.class);
    keys.forEach((period, key) -> {
      Counter c = counters.get(key);
      out.put(period, c == null || c.expiresAtMillis <= nowMillis ? 0L : c.value.get());
    });
    return out;
  }

  @Override
  public void increment(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    keys.forEach((period, key) -> {
      Counter c = counters.get(key);
      if (c != null && c.expiresAtMillis > nowMillis) {
        c.value.incrementAndGet();
      } else {
        create(period, key, nowMillis);
      }
    });
    if (increments.incrementAndGet() % SWEEP_EVERY == 0) {
      counters.values().removeIf(c -> c.expiresAtMillis <= nowMillis);
    }
  }

  /** Counts the first request of a window, or of a window whose counter expired, atomically. */
  private void create(Period period, String key, long nowMillis) {
    counters.compute(key, (k, c) -> {
      Counter live = c == null || c.expiresAtMillis <= nowMillis
          ? new Counter(new AtomicLong(), nowMillis + period.expirationSeconds() * 1000)
          : c;
      live.value.incrementAndGet();
      return live;
    });
  }
}
