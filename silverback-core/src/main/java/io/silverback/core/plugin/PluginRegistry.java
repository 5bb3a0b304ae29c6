package io.silverback.core.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugins known to a node, by name, in name order. */
public final class PluginRegistry {
  private final Map<String, PluginSchema> plugins;

  private PluginRegistry(List<PluginSchema> plugins) {
    Map<String, PluginSchema> byName = new LinkedHashMap<>();
    plugins.stream()
        .sorted(java.util.Comparator.comparing(PluginSchema::name))
        .forEach(p -> byName.put(p.name(), p));
    this.plugins = Collections.unmodifiableMap(byName);
  }

  /** Every plugin Silverback ships (Kong's {@code plugins = bundled}). */
  public static PluginRegistry bundled() {
    return new PluginRegistry(BundledPlugins.all());
  }

  /** A registry of exactly these plugins. */
  public static PluginRegistry of(List<PluginSchema> plugins) {
    return new PluginRegistry(plugins);
  }

  public Optional<PluginSchema> get(String name) {
    return Optional.ofNullable(plugins.get(name));
  }

  public Collection<PluginSchema> all() {
    return plugins.values();
  }

  public boolean has(String name) {
    return plugins.containsKey(name);
  }
}
