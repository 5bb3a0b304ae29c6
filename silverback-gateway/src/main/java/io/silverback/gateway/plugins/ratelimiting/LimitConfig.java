package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A rate-limiting configuration decoded once per snapshot ({@link io.silverback.gateway.plugins.Compiled}),
 * so a request reads no JSON for it, plus the counter keys of the last window seen: every request
 * of one identifier within one second shares them, so they are built once per second, not once per
 * request. The memo is one immutable value swapped whole, safe across event loops.
 */
final class LimitConfig {
  private final Map<Period, Double> limits;
  private final String policy;
  private final boolean hideClientHeaders;
  private final boolean faultTolerant;
  private final int errorCode;
  private final String errorMessage;
  private volatile KeyMemo lastKeys;

  private record KeyMemo(PluginScopes.Scope scope, String identifier, long nowMillis, Map<Period, String> keys) {}

  private LimitConfig(JsonNode config) {
    Map<Period, Double> l = new EnumMap<>(Period.class);
    for (Period p : Period.ALL) {
      JsonNode v = config.get(p.field());
      if (v != null && v.isNumber()) {
        l.put(p, v.doubleValue());
      }
    }
    this.limits = Collections.unmodifiableMap(l);
    this.policy = config.path("policy").asText("local");
    this.hideClientHeaders = config.path("hide_client_headers").asBoolean(false);
    this.faultTolerant = config.path("fault_tolerant").asBoolean(true);
    this.errorCode = config.path("error_code").asInt(429);
    this.errorMessage = config.path("error_message").asText("API rate limit exceeded");
  }

  static LimitConfig of(JsonNode config) {
    return new LimitConfig(config);
  }

  /** The configured limit of each period, in period order. */
  Map<Period, Double> limits() {
    return limits;
  }

  String policy() {
    return policy;
  }

  boolean hideClientHeaders() {
    return hideClientHeaders;
  }

  boolean faultTolerant() {
    return faultTolerant;
  }

  int errorCode() {
    return errorCode;
  }

  String errorMessage() {
    return errorMessage;
  }

  /** {@link CounterKeys#of} for this configuration's limits, reused while the identifier and window stay the same. */
  Map<Period, String> keys(PluginScopes.Scope scope, String identifier, long nowMillis) {
    KeyMemo memo = lastKeys;
    if (memo != null && memo.nowMillis == nowMillis && memo.scope.equals(scope) && memo.identifier.equals(identifier)) {
      return memo.keys;
    }
    Map<Period, String> keys = Collections.unmodifiableMap(CounterKeys.of(scope, identifier, limits, nowMillis));
    lastKeys = new KeyMemo(scope, identifier, nowMillis, keys);
    return keys;
  }
}
