package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Where the counters live: Kong's {@code policies[conf.policy]} (kong/plugins/rate-limiting/
 * policies/init.lua), one {@code usage} and one {@code increment} per request.
 */
interface CounterPolicy {
  /**
   * The requests counted so far in the window of each limited period.
   *
   * @param keys the counter key of each limited period ({@link CounterKeys})
   * @return the counts; a failed future when the counters cannot be read
   */
  Future<Map<Period, Long>> usage(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis);

  /** Counts one request that was let through. Never blocks; failures are logged. */
  void increment(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis);

  /** Releases connections. */
  default void close() {}
}
