package io.silverback.ops.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DatabaseLoad#load} did.
 *
 * @param method the dump's method, {@code "builtin"} or {@code "pg_dump"}
 * @param dumpLevel the schema level the dump was taken at
 * @param schemaLevel the schema level of the database afterwards (higher when migrated forward)
 * @param migrated the migrations run after loading, to bring the dump up to this build
 * @param rows rows loaded per table, in load order
 */
public record LoadResult(String method, String dumpLevel, String schemaLevel, List<String> migrated,
    Map<String, Long> rows) {
  public LoadResult {
    migrated = List.copyOf(migrated);
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /**
   * Rows loaded per entity table, in load order: every table of a Silverback schema but the
   * migration history ({@link SchemaTables}).
   */
  public Map<String, Long> entityRows() {
    Map<String, Long> entities = new LinkedHashMap<>(rows);
    entities.remove(SchemaTables.HISTORY);
    return Collections.unmodifiableMap(entities);
  }
}
