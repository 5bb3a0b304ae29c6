package io.silverback.gateway.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enabled plugins of one {@link Config}, compiled once per snapshot. Immutable.
 *
 * <p>Mirrors kong/runloop/plugins_iterator.lua: per plugin name, the configurations are indexed
 * by their scope (route, service, consumer), and each request takes the most specific one present
 * ({@link ScopedConfigs}). Plugins run in descending {@link GatewayPlugin#priority()}, ties by
 * descending name, as Kong sorts its handlers. The choice is made plugin by plugin as the access
 * phase goes, so consumer-scoped configurations count only once a plugin of higher priority (an
 * auth plugin) authenticated the consumer. A configuration whose {@code protocols} do not list the
 * request's protocol is skipped.
 *
 * <p>Plugins the catalog does not implement are left out.
 */
public final class PluginChain {
  private static final Comparator<GatewayPlugin> KONG_ORDER = Comparator
      .comparingInt(GatewayPlugin::priority).reversed()
      .thenComparing(GatewayPlugin::name, Comparator.reverseOrder());

  private final List<ScopedConfigs> plugins;
  private final boolean anyGlobal;
  private final Set<String> routes;
  private final Set<String> services;

  private PluginChain(List<ScopedConfigs> plugins, boolean anyGlobal, Set<String> routes, Set<String> services) {
    this.plugins = plugins;
    this.anyGlobal = anyGlobal;
    this.routes = routes;
    this.services = services;
  }

  /** Compiles the enabled plugins of {@code config} that {@code catalog} implements. */
  public static PluginChain compile(Config config, PluginCatalog catalog) {
    Map<String, ScopedConfigs> byName = new LinkedHashMap<>();
    Set<String> routes = new HashSet<>();
    Set<String> services = new HashSet<>();
    boolean anyGlobal = false;
    for (Entity p : config.all("plugins")) {
      GatewayPlugin impl = catalog.get(p.text("name"));
      if (impl == null || !p.get("enabled").asBoolean(true)) {
        continue;
      }
      ScopeKey scope = new ScopeKey(p.foreignId("route"), p.foreignId("service"), p.foreignId("consumer"));
      byName.computeIfAbsent(impl.name(), n -> new ScopedConfigs(impl))
          .put(scope, new Configured(p.id(), impl, p.get("config"), protocols(p.get("protocols"))));
      anyGlobal |= scope.isGlobal();
      if (scope.route() != null) {
        routes.add(scope.route());
      }
      if (scope.service() != null) {
        services.add(scope.service());
      }
    }
    List<ScopedConfigs> ordered = new ArrayList<>(byName.values());
    ordered.sort(Comparator.comparing(ScopedConfigs::plugin, KONG_ORDER));
    return new PluginChain(List.copyOf(ordered), anyGlobal, Set.copyOf(routes), Set.copyOf(services));
  }

  private static Set<String> protocols(JsonNode list) {
    Set<String> out = new HashSet<>();
    list.forEach(p -> out.add(p.asText()));
    return Set.copyOf(out);
  }

  /**
   * The plugins of {@code exchange}: {@link PluginRun#NONE}, at the cost of two hash lookups, when
   * no configuration is global or scoped to the exchange's route or service (a consumer-only one
   * needs an auth plugin, which would have to be one of those).
   */
  public PluginRun run(ProxyExchange exchange) {
    if (plugins.isEmpty()) {
      return PluginRun.NONE;
    }
    if (!anyGlobal) {
      Entity route = exchange.route();
      Entity service = exchange.service();
      boolean scoped = route != null && routes.contains(route.id())
          || service != null && services.contains(service.id());
      if (!scoped) {
        return PluginRun.NONE;
      }
    }
    return new ChainRun(plugins, exchange);
  }
}
