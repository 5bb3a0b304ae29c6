package io.silverback.core.entity;

import io.silverback.core.plugin.PluginRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.SchemaDefinitionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every entity schema a node knows, in Kong's topological order (referenced entities before the
 * entities that reference them), with the nesting relationships of the declarative format.
 */
public final class EntityRegistry {
  private final Map<String, EntitySchema> byName;
  private final List<EntitySchema> ordered;
  private final PluginRegistry plugins;
  private final Map<String, List<Nesting>> children;

  /**
   * A child collection that may be written inside a parent record ({@code routes} inside a
   * service): entity {@code child} whose foreign key {@code field} points to the parent.
   *
   * @param child the nested entity's name, which is also the key of the nested array
   * @param field the child's foreign-key field that the nesting fills
   */
  public record Nesting(String child, String field) {}

  private EntityRegistry(List<EntitySchema> schemas, PluginRegistry plugins) {
    Map<String, EntitySchema> map = new LinkedHashMap<>();
    for (EntitySchema s : schemas) {
      map.put(s.name(), s);
    }
    this.ordered = List.copyOf(TopologicalOrder.sort(schemas, map));
    this.byName = Collections.unmodifiableMap(map);
    this.plugins = plugins;
    this.children = nestings(ordered);
  }

  /** The entities and plugins Silverback ships, with the system clock. */
  public static EntityRegistry standard() {
    return of(PluginRegistry.bundled(), Clock.systemUTC());
  }

  /**
   * The entities Silverback ships with no plugin schema: enough to name and order their tables (a
   * native dump or load reads no entity), not to validate a plugin's configuration. Building the
   * bundled plugins' schemas is four fifths of {@link #standard()}, about 60 ms of a short command's
   * CPU.
   */
  public static EntityRegistry withoutPlugins() {
    return of(PluginRegistry.of(List.of()), Clock.systemUTC());
  }

  /** The core entities, the credentials of the auth plugins, and {@code plugins}. */
  public static EntityRegistry of(PluginRegistry plugins, Clock clock) {
    return new EntityRegistry(List.of(
        Services.schema(), Routes.schema(), Consumers.schema(), Plugins.schema(plugins),
        Upstreams.schema(), Targets.schema(), Certificates.schema(), Snis.schema(),
        CaCertificates.schema(clock), Vaults.schema(), KeySets.schema(), Keys.schema(),
        Parameters.schema(), Credentials.keyAuth(), Credentials.basicAuth(), Credentials.acls(),
        Credentials.jwt(), Credentials.hmacAuth()), plugins);
  }

  /** The schemas in dependency order. */
  public List<EntitySchema> ordered() {
    return ordered;
  }

  public Optional<EntitySchema> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The schema named {@code name}. */
  public EntitySchema require(String name) {
    EntitySchema s = byName.get(name);
    if (s == null) {
      throw new SchemaDefinitionException("no entity named '%s'", name);
    }
    return s;
  }

  public PluginRegistry plugins() {
    return plugins;
  }

  /** The collections that may be nested in a record of {@code parent}. */
  public List<Nesting> children(String parent) {
    return children.getOrDefault(parent, List.of());
  }

  private static Map<String, List<Nesting>> nestings(List<EntitySchema> ordered) {
    Map<String, List<Nesting>> out = new LinkedHashMap<>();
    for (EntitySchema s : ordered) {
      for (Map.Entry<String, Field> fk : s.foreignKeys()) {
        String parent = fk.getValue().reference().orElseThrow();
        out.computeIfAbsent(parent, p -> new ArrayList<>()).add(new Nesting(s.name(), fk.getKey()));
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }
}
