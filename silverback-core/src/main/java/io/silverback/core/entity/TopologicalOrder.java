package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.SchemaDefinitionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kong's entity order (kong/db/schema/topological_sort.lua and kong/db/utils.lua): plugin
 * entities, then core entities, each group in reverse alphabetical order, then a depth-first
 * search that places every entity before the entities referencing it. Mirroring the exact
 * algorithm, not just any valid order, keeps exports listed the way Kong lists them.
 */
final class TopologicalOrder {
  /** Kong's {@code constants.CORE_ENTITIES}. */
  private static final Set<String> CORE = Set.of(
      "workspaces", "consumers", "certificates", "services", "routes", "snis", "upstreams", "targets",
      "plugins", "tags", "ca_certificates", "clustering_data_planes", "parameters", "vaults",
      "key_sets", "keys", "filter_chains");

  private TopologicalOrder() {}

  static List<EntitySchema> sort(List<EntitySchema> schemas, Map<String, EntitySchema> byName) {
    List<EntitySchema> items = new ArrayList<>(schemas);
    items.sort(Comparator.comparingInt(TopologicalOrder::score)
        .thenComparing(EntitySchema::name, Comparator.reverseOrder()));
    Map<EntitySchema, List<EntitySchema>> referencedBy = new HashMap<>();
    for (EntitySchema source : items) {
      for (Map.Entry<String, Field> fk : source.foreignKeys()) {
        EntitySchema target = byName.get(fk.getValue().reference().orElseThrow());
        if (target != null) {
          referencedBy.computeIfAbsent(target, t -> new ArrayList<>()).add(source);
        }
      }
    }
    LinkedList<EntitySchema> sorted = new LinkedList<>();
    Set<EntitySchema> visited = new HashSet<>();
    Set<EntitySchema> marked = new HashSet<>();
    for (EntitySchema s : items) {
      if (!visited.contains(s) && !marked.contains(s)) {
        visit(s, referencedBy, visited, marked, sorted);
      }
    }
    return sorted;
  }

  private static int score(EntitySchema s) {
    if (s.name().equals("workspaces")) {
      return 2;
    }
    return CORE.contains(s.name()) ? 1 : 0;
  }

  private static void visit(EntitySchema current, Map<EntitySchema, List<EntitySchema>> referencedBy,
      Set<EntitySchema> visited, Set<EntitySchema> marked, LinkedList<EntitySchema> sorted) {
    if (visited.contains(current)) {
      return;
    }
    if (marked.contains(current)) {
      throw new SchemaDefinitionException("Cycle detected, cannot sort topologically");
    }
    marked.add(current);
    for (EntitySchema n : referencedBy.getOrDefault(current, List.of())) {
      visit(n, referencedBy, visited, marked, sorted);
    }
    marked.remove(current);
    visited.add(current);
    sorted.addFirst(current);
  }
}
