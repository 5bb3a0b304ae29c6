package io.silverback.store;

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
