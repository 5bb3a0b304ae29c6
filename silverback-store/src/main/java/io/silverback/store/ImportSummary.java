package io.silverback.store;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bulk load did, by entity type in dependency order.
 *
 * @param created entities that did not exist before
 * @param updated entities that existed and were replaced
 * @param deleted entities removed because the new config does not hold them (replace only)
 */
public record ImportSummary(Map<String, Integer> created, Map<String, Integer> updated, Map<String, Integer> deleted) {
  public ImportSummary {
    created = Collections.unmodifiableMap(new LinkedHashMap<>(created));
    updated = Collections.unmodifiableMap(new LinkedHashMap<>(updated));
    deleted = Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
  }

  /**
   * What replacing {@code before} with {@code after} does, compared by primary key: ids only in
   * {@code after} are created, ids in both whose fields differ updated, ids only in {@code before}
   * deleted. Types with nothing to report are left out.
   */
  public static ImportSummary replacing(Config before, Config after) {
    Map<String, Integer> created = new LinkedHashMap<>();
    Map<String, Integer> updated = new LinkedHashMap<>();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (EntitySchema schema : after.registry().ordered()) {
      String type = schema.name();
      int kept = 0;
      int changed = 0;
      for (Entity e : after.all(type)) {
        Entity old = before.get(type, e.id()).orElse(null);
        if (old != null) {
          kept++;
          changed += old.fields().equals(e.fields()) ? 0 : 1;
        }
      }
      putIfPositive(created, type, after.count(type) - kept);
      putIfPositive(updated, type, changed);
      putIfPositive(deleted, type, before.count(type) - kept);
    }
    return new ImportSummary(created, updated, deleted);
  }

  private static void putIfPositive(Map<String, Integer> counts, String type, int n) {
    if (n > 0) {
      counts.put(type, n);
    }
  }

  public int totalCreated() {
    return created.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int totalUpdated() {
    return updated.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int totalDeleted() {
    return deleted.values().stream().mapToInt(Integer::intValue).sum();
  }
}
