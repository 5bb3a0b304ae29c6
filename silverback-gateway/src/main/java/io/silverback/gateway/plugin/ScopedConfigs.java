package io.silverback.gateway.plugin;

import java.util.HashMap;
import java.util.Map;

/**
 * The configurations of one plugin name by scope, and Kong's choice among them for a request
 * (kong/runloop/plugins_iterator.lua {@code lookup_cfg}): route+service+consumer, route+consumer,
 * service+consumer, route+service, consumer, route, service, global; the first present wins.
 * Up to eight hash lookups per plugin and request, whatever the number of entities.
 */
final class ScopedConfigs {
  private final GatewayPlugin plugin;
  private final Map<ScopeKey, Configured> byScope = new HashMap<>();

  ScopedConfigs(GatewayPlugin plugin) {
    this.plugin = plugin;
  }

  GatewayPlugin plugin() {
    return plugin;
  }

  /**
   * Adds the configuration of one scope. The schema makes scopes unique per plugin name; should two
   * share one, the later wins, as in Kong's {@code combos} table.
   */
  void put(ScopeKey scope, Configured configured) {
    byScope.put(scope, configured);
  }

  /** The most specific configuration for these ids (any may be null), or null. */
  Configured lookup(String route, String service, String consumer) {
    Configured c;
    if (consumer != null) {
      if (route != null && service != null && (c = byScope.get(new ScopeKey(route, service, consumer))) != null) {
        return c;
      }
      if (route != null && (c = byScope.get(new ScopeKey(route, null, consumer))) != null) {
        return c;
      }
      if (service != null && (c = byScope.get(new ScopeKey(null, service, consumer))) != null) {
        return c;
      }
    }
    if (route != null && service != null && (c = byScope.get(new ScopeKey(route, service, null))) != null) {
      return c;
    }
    if (consumer != null && (c = byScope.get(new ScopeKey(null, null, consumer))) != null) {
      return c;
    }
    if (route != null && (c = byScope.get(new ScopeKey(route, null, null))) != null) {
      return c;
    }
    if (service != null && (c = byScope.get(new ScopeKey(null, service, null))) != null) {
      return c;
    }
    return byScope.get(ScopeKey.GLOBAL);
  }
}
