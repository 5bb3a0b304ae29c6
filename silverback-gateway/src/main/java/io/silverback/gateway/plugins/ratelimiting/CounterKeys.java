package io.silverback.gateway.plugins.ratelimiting;

import java.util.EnumMap;
import java.util.Map;

/** Kong's {@code get_local_key}: {@code ratelimit:<route>:<service>:<identifier>:<window start>:<period>}. */
final class CounterKeys {
  private CounterKeys() {}

  /**
   * The key of each period in {@code limits} for the window holding {@code nowMillis}.
   *
   * @param scope the plugin's route and service ids ({@link PluginScopes})
   */
  static Map<Period, String> of(PluginScopes.Scope scope, String identifier, Map<Period, ?> limits,
      long nowMillis) {
    Map<Period, String> keys = new EnumMap<>(Period.class);
    for (Period p : limits.keySet()) {
      keys.put(p, "ratelimit:" + scope.routeId() + ":" + scope.serviceId() + ":" + identifier + ":"
          + p.start(nowMillis) + ":" + p.field());
    }
    return keys;
  }
}
