package io.silverback.gateway.plugins.ratelimiting;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Says once that a Redis endpoint went away and once that it came back, instead of one line per
 * request: under load a down Redis would otherwise flood the log with the same error.
 */
final class RedisHealth {
  private static final System.Logger LOG = System.getLogger(RedisHealth.class.getName());

  private final Map<String, Boolean> down = new ConcurrentHashMap<>();
  private final BiConsumer<Level, String> log;

  /** Reports to this class's {@link System.Logger}. */
  RedisHealth() {
    this(LOG::log);
  }

  /** Reports to {@code log}. */
  RedisHealth(BiConsumer<Level, String> log) {
    this.log = log;
  }

  /** Records the outcome of one call to {@code endpoint}; {@code failure} is null on success. */
  void report(String endpoint, Throwable failure) {
    if (failure != null) {
      if (down.putIfAbsent(endpoint, Boolean.TRUE) == null) {
        log.accept(Level.WARNING, "rate-limiting: Redis " + endpoint + " unavailable ("
            + failure.getMessage() + "); until it is back, fault_tolerant plugins let requests through"
            + " and the others answer 500");
      }
    } else if (down.remove(endpoint) != null) {
      log.accept(Level.INFO, "rate-limiting: Redis " + endpoint + " is back");
    }
  }

  /** Whether the last call to {@code endpoint} failed. */
  boolean isDown(String endpoint) {
    return down.containsKey(endpoint);
  }
}
