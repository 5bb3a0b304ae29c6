package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ConfigView;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The route and service a plugin entity is scoped to, found from the {@code config} node the
 * chain hands over (the very node of the snapshot's entity). Kong keys the counters with them,
 * so a global plugin counts across routes and several nodes agree on the keys.
 */
final class PluginScopes {
  /** Kong's {@code EMPTY_UUID}, for a scope field that is not set. */
  static final String EMPTY_UUID = "00000000-0000-0000-0000-000000000000";

  static final ConfigView<Map<JsonNode, Scope>> VIEW = new ConfigView<>("rate-limiting scopes", PluginScopes::build);

  private PluginScopes() {}

  /** A plugin's route and service ids, {@link #EMPTY_UUID} for none. */
  record Scope(String routeId, String serviceId) {
    static final Scope GLOBAL = new Scope(EMPTY_UUID, EMPTY_UUID);
  }

  private static Map<JsonNode, Scope> build(Config config) {
    Map<JsonNode, Scope> out = new IdentityHashMap<>();
    if (config == null) {
      return out;
    }
    for (Entity p : config.all("plugins")) {
      out.put(p.get("config"), new Scope(orEmpty(p.foreignId("route")), orEmpty(p.foreignId("service"))));
    }
    return out;
  }

  private static String orEmpty(String id) {
    return id == null ? EMPTY_UUID : id;
  }
}
