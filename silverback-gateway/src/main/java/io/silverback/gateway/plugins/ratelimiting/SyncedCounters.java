package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The redis policy with a {@code sync_rate} (Kong's {@code rate_limited_sync}): a key's count is
 * read from Redis once (which counts that request there, so its local delta starts at -1 and the
 * local count includes it; Kong leaves it out of the local count until the next sync), then
 * requests are counted locally; at most {@code sync_rate} seconds after the first read or local count
 * every delta of the endpoint goes to Redis in one pipeline and the local counts are dropped, so
 * the next request reads the shared count again. Between syncs each node sees the others'
 * requests only up to its last read: the price of fewer Redis round trips.
 *
 * <p>Unlike Kong, a read also starts the sync timer, so that a refused request (counted by its read)
 * is taken back even when no request passes after it; and a new key expires at the end of its
 * window ({@code EXPIREAT} in epoch seconds;
 * Kong passes milliseconds plus seconds there, which keeps the key for ever).
 */
final class SyncedCounters {
  private static final System.Logger LOG = System.getLogger(SyncedCounters.class.getName());

  private static final class Local {
    long usage;
    long delta;
    final long expiresAtMillis;

    Local(long usage, long delta, long expiresAtMillis) {
      this.usage = usage;
      this.delta = delta;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  private final RedisPolicy redis;
  private final Map<String, Map<String, Local>> byEndpoint = new HashMap<>();
  private final Map<String, Boolean> pending = new HashMap<>();

  SyncedCounters(RedisPolicy redis) {
    this.redis = redis;
  }

  Future<Map<Period, Long>> usage(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    String endpoint = RedisPolicy.endpoint(config.path("redis"));
    Map<Period, Long> known = new EnumMap<>(Period.class);
    Map<Period, String> missing = new EnumMap<>(Period.class);
    synchronized (this) {
      Map<String, Local> local = byEndpoint.computeIfAbsent(endpoint, e -> new HashMap<>());
      keys.forEach((period, key) -> {
        Local l = local.get(key);
        if (l != null && l.expiresAtMillis > nowMillis && l.usage >= 0) {
          known.put(period, l.usage + l.delta);
        } else {
          missing.put(period, key);
        }
      });
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(known);
    }
    return redis.count(vertx, config.path("redis"), missing).map(read -> {
      synchronized (this) {
        Map<String, Local> local = byEndpoint.computeIfAbsent(endpoint, e -> new HashMap<>());
        read.forEach((period, count) -> {
          Local l = local.get(missing.get(period));
          long unsynced = l == null ? 0 : l.delta;
          local.put(missing.get(period), new Local(count + 1, unsynced - 1, windowEnd(period, nowMillis)));
          known.put(period, count + unsynced);
        });
      }
      schedule(vertx, config, endpoint);
      return known;
    });
  }

  void increment(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    String endpoint = RedisPolicy.endpoint(config.path("redis"));
    synchronized (this) {
      Map<String, Local> local = byEndpoint.computeIfAbsent(endpoint, e -> new HashMap<>());
      keys.forEach((period, key) -> local.computeIfAbsent(key, k -> new Local(-1, 0, windowEnd(period, nowMillis)))
          .delta++);
    }
    schedule(vertx, config, endpoint);
  }

  /** Starts the sync timer of {@code endpoint} unless one is pending. */
  private void schedule(Vertx vertx, JsonNode config, String endpoint) {
    synchronized (this) {
      if (pending.putIfAbsent(endpoint, Boolean.TRUE) != null) {
        return;
      }
    }
    long delay = Math.max(1, (long) (config.path("sync_rate").asDouble() * 1000));
    vertx.setTimer(delay, id -> sync(vertx, config.path("redis"), endpoint));
  }

  private void sync(Vertx vertx, JsonNode redisConfig, String endpoint) {
    Map<String, long[]> deltas = new LinkedHashMap<>();
    synchronized (this) {
      pending.remove(endpoint);
      Map<String, Local> local = byEndpoint.remove(endpoint);
      if (local == null) {
        return;
      }
      local.forEach((key, l) -> {
        if (l.delta != 0) {
          deltas.put(key, new long[] {l.delta, l.expiresAtMillis / 1000});
        }
      });
    }
    if (deltas.isEmpty()) {
      return;
    }
    redis.add(vertx, redisConfig, deltas).onFailure(e -> LOG.log(System.Logger.Level.DEBUG,
        "rate-limiting: " + deltas.size() + " counts for Redis " + endpoint + " were dropped: " + e.getMessage()));
  }

  private static long windowEnd(Period period, long nowMillis) {
    return period.start(nowMillis) + period.expirationSeconds() * 1000;
  }
}
