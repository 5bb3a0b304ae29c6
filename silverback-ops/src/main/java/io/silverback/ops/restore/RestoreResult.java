package io.silverback.ops.restore;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore did.
 *
 * @param mode how the bundle was restored
 * @param target what was written: the database, the file, or the node's Admin API
 * @param counts entities restored per type
 * @param took how long it took, verification included
 * @param notes what else happened (the schema migrated forward, the change feed told to reload)
 */
public record RestoreResult(RestoreMode mode, String target, Map<String, Integer> counts, Duration took,
    List<String> notes) {
  public RestoreResult {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    notes = List.copyOf(notes);
  }

  /** All entities restored. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
