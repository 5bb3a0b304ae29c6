package io.silverback.gateway.proxy;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.Router;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugin.PluginChain;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the proxy reads for one {@link Config}: the compiled {@link Router}, the {@link
 * PluginChain}, each service's and route's proxy settings decoded once (so no request reads JSON),
 * and the plugins' {@link ConfigView}s, built on first use. An exchange keeps one snapshot from
 * start to end. Immutable apart from the view cache, which is thread-safe.
 */
public final class ProxySnapshot {
  private final Config config;
  private final Router router;
  private final PluginChain chain;
  private final Map<String, ServiceTarget> services;
  private final Map<String, RouteSettings> routes;
  private final Map<ConfigView<?>, Object> views = new ConcurrentHashMap<>();

  private ProxySnapshot(Config config, Router router, PluginChain chain, Map<String, ServiceTarget> services,
      Map<String, RouteSettings> routes) {
    this.config = config;
    this.router = router;
    this.chain = chain;
    this.services = services;
    this.routes = routes;
  }

  /**
   * Compiles {@code config}: the router, the plugin chain over {@code catalog}, and the settings of
   * every service and route. Runs off the event loop; may take long for large configurations.
   *
   * @throws RuntimeException whatever compiling the router or the chain throws; the caller keeps
   *     the previous snapshot
   */
  public static ProxySnapshot build(Config config, PluginCatalog catalog) {
    Map<String, ServiceTarget> services = new HashMap<>();
    for (Entity s : config.all("services")) {
      services.put(s.id(), ServiceTarget.of(config, s));
    }
    Map<String, RouteSettings> routes = new HashMap<>();
    for (Entity r : config.all("routes")) {
      routes.put(r.id(), RouteSettings.of(r));
    }
    return new ProxySnapshot(config, Router.compile(config), PluginChain.compile(config, catalog), services, routes);
  }

  public Config config() {
    return config;
  }

  public Router router() {
    return router;
  }

  public PluginChain chain() {
    return chain;
  }

  /** The decoded settings of service {@code id}, or null when there is no such service. */
  ServiceTarget service(String id) {
    return services.get(id);
  }

  /** The decoded settings of route {@code id}; defaults when there is no such route. */
  RouteSettings route(String id) {
    RouteSettings r = routes.get(id);
    return r == null ? RouteSettings.DEFAULTS : r;
  }

  /** The value of {@code view} for this snapshot, built once. */
  @SuppressWarnings("unchecked")
  <T> T view(ConfigView<T> view) {
    Object v = views.get(view);
    if (v == null) {
      v = views.computeIfAbsent(view, k -> k.build().apply(config));
    }
    return (T) v;
  }
}
