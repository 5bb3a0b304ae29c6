package io.silverback.gateway.plugin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The plugin implementations a node can run, by name. Immutable. */
public final class PluginCatalog {
  private final Map<String, GatewayPlugin> byName;

  private PluginCatalog(Map<String, GatewayPlugin> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** A catalog of exactly {@code plugins}. */
  public static PluginCatalog of(Collection<? extends GatewayPlugin> plugins) {
    Map<String, GatewayPlugin> m = new LinkedHashMap<>();
    for (GatewayPlugin p : plugins) {
      if (m.put(Objects.requireNonNull(p.name(), "name"), p) != null) {
        throw new IllegalArgumentException("two plugins named '" + p.name() + "'");
      }
    }
    return new PluginCatalog(m);
  }

  /** The implementation of {@code name}, or null when the node has none. */
  public GatewayPlugin get(String name) {
    return byName.get(name);
  }

  public Collection<GatewayPlugin> all() {
    return byName.values();
  }

  /** Closes every plugin. */
  public void close() {
    byName.values().forEach(GatewayPlugin::close);
  }
}
