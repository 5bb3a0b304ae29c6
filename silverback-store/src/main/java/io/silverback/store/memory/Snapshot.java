package io.silverback.store.memory;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link Config} with the indexes its reads need, each built on first use and then kept for the
 * life of the snapshot, so that a listing of a 100k-entity config costs a binary search, not a sort.
 * A replace builds a new snapshot; readers still holding the old one keep consistent indexes.
 */
final class Snapshot {
  private static final Comparator<Entity> BY_KEY = Comparator.comparing(Entity::id);

  private final Config config;
  private final Map<String, List<Entity>> sorted = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Entity>> byEndpointKey = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<Entity>>> byForeignKey = new ConcurrentHashMap<>();

  Snapshot(Config config) {
    this.config = config;
  }

  Config config() {
    return config;
  }

  /** The entities of {@code type} ordered by primary key ({@link String#compareTo}). */
  List<Entity> sorted(String type) {
    return sorted.computeIfAbsent(type, t -> {
      List<Entity> rows = new ArrayList<>(config.all(t));
      rows.sort(BY_KEY);
      return List.copyOf(rows);
    });
  }

  /** The entity of {@code type} whose unique field {@code field} (its endpoint key, say) is {@code value}. */
  Optional<Entity> byEndpointKey(String type, String field, String value) {
    Map<String, Entity> index = byEndpointKey.computeIfAbsent(type + '.' + field, k -> {
      Map<String, Entity> out = new HashMap<>();
      for (Entity e : config.all(type)) {
        String key = e.text(field);
        if (key != null) {
          out.put(key, e);
        }
      }
      return out;
    });
    return Optional.ofNullable(index.get(value));
  }

  /** The entities of {@code type} whose foreign key {@code field} holds {@code id}, by primary key. */
  List<Entity> referencing(String type, String field, String id) {
    Map<String, List<Entity>> index = byForeignKey.computeIfAbsent(type + '.' + field, k -> {
      Map<String, List<Entity>> out = new HashMap<>();
      for (Entity e : sorted(type)) {
        String parent = e.foreignId(field);
        if (parent != null) {
          out.computeIfAbsent(parent, p -> new ArrayList<>()).add(e);
        }
      }
      return out;
    });
    return id == null ? List.of() : index.getOrDefault(id, List.of());
  }
}
