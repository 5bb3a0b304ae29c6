package io.silverback.store.pg;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Table} of every entity type of a registry, in dependency order. */
final class Tables {
  private final Map<String, Table> byType = new LinkedHashMap<>();

  Tables(EntityRegistry registry) {
    for (EntitySchema s : registry.ordered()) {
      byType.put(s.name(), new Table(s));
    }
  }

  /**
   * The table of {@code type}.
   *
   * @throws StoreException {@code INVALID_OPTIONS} for a type the registry does not know
   */
  Table of(String type) {
    Table t = byType.get(type);
    if (t == null) {
      throw StoreErrors.invalidOptions("type", "unknown entity type '" + type + "'");
    }
    return t;
  }

  /** The table with SQL name {@code name} (unquoted), as PostgreSQL's errors name it. */
  Optional<Table> byTableName(String name) {
    return Optional.ofNullable(byType.get(name));
  }

  /** Every table, referenced tables first. */
  List<Table> ordered() {
    return List.copyOf(byType.values());
  }

  /** Every table, referencing tables first (the order to delete in). */
  List<Table> reversed() {
    List<Table> out = new ArrayList<>(byType.values());
    Collections.reverse(out);
    return out;
  }
}
