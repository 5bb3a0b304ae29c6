package io.silverback.gateway.plugin;

/**
 * Where a plugin configuration applies: Kong's compound key {@code route_id:service_id:consumer_id}
 * (kong/runloop/plugins_iterator.lua {@code build_compound_key}), any part null for "any".
 */
record ScopeKey(String route, String service, String consumer) {
  static final ScopeKey GLOBAL = new ScopeKey(null, null, null);

  boolean isGlobal() {
    return route == null && service == null && consumer == null;
  }
}
