package io.silverback.core.config;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of a gateway's whole configuration: every entity by type and primary key.
 * The proxy reads only from a {@code Config}; a reload builds a new one and swaps it in.
 *
 * <p>Types are kept in the registry's dependency order; within a type, entities keep the order
 * in which they were added. Build one with {@link #builder(EntityRegistry)}.
 */
public final class Config {
  private final EntityRegistry registry;
  private final Map<String, Map<String, Entity>> tables;

  private Config(EntityRegistry registry, Map<String, Map<String, Entity>> tables) {
    this.registry = registry;
    this.tables = tables;
  }

  /** A config with no entities. */
  public static Config empty(EntityRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(EntityRegistry registry) {
    return new Builder(registry);
  }

  public EntityRegistry registry() {
    return registry;
  }

  /** The entities of {@code type}, in insertion order; empty for an unknown type. */
  public Collection<Entity> all(String type) {
    return tables.getOrDefault(type, Map.of()).values();
  }

  public Optional<Entity> get(String type, String id) {
    return Optional.ofNullable(tables.getOrDefault(type, Map.of()).get(id));
  }

  public int count(String type) {
    return tables.getOrDefault(type, Map.of()).size();
  }

  /** The number of entities of every type that has any, in dependency order. */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    tables.forEach((t, m) -> {
      if (!m.isEmpty()) {
        out.put(t, m.size());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** The total number of entities. */
  public int size() {
    return tables.values().stream().mapToInt(Map::size).sum();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Builds a {@link Config}; not thread-safe. */
  public static final class Builder {
    private final EntityRegistry registry;
    private final Map<String, Map<String, Entity>> tables = new LinkedHashMap<>();
    private boolean built;

    private Builder(EntityRegistry registry) {
      this.registry = registry;
      for (EntitySchema s : registry.ordered()) {
        tables.put(s.name(), new LinkedHashMap<>());
      }
    }

    /**
     * Adds an entity, replacing one of the same type and id.
     *
     * @throws IllegalArgumentException for a type the registry does not know
     */
    public Builder put(Entity e) {
      if (built) {
        throw new IllegalStateException("this Config.Builder was already built");
      }
      Map<String, Entity> t = tables.get(e.type());
      if (t == null) {
        throw new IllegalArgumentException("unknown entity type '" + e.type() + "' for entity " + e.id());
      }
      t.put(e.id(), e);
      return this;
    }

    /**
     * The config. The builder hands its tables over rather than copying them (a 100k-entity load
     * would otherwise copy every entry), so it cannot be used afterwards.
     *
     * @throws IllegalStateException when called twice
     */
    public Config build() {
      if (built) {
        throw new IllegalStateException("this Config.Builder was already built");
      }
      built = true;
      Map<String, Map<String, Entity>> frozen = new LinkedHashMap<>();
      tables.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
      return new Config(registry, Collections.unmodifiableMap(frozen));
    }

  }
}
