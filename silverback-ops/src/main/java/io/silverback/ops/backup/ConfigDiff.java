package io.silverback.ops.backup;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How two configurations differ, entity by entity (type and id, then every field), for {@code
 * backup verify --deep}: what the restored database holds against what the declarative export says.
 */
public final class ConfigDiff {
  private static final int SHOWN = 20;

  private ConfigDiff() {}

  /**
   * The differences, at most {@value #SHOWN} lines plus a count of the rest; empty when equal.
   *
   * @param expected what the bundle's declarative export holds
   * @param actual what the restored database holds
   */
  public static List<String> of(Config expected, Config actual) {
    List<String> lines = new ArrayList<>();
    int total = 0;
    TreeSet<String> types = new TreeSet<>(expected.counts().keySet());
    types.addAll(actual.counts().keySet());
    for (String type : types) {
      for (Entity e : expected.all(type)) {
        Optional<Entity> other = actual.get(type, e.id());
        String problem = other.isEmpty() ? "missing from the restored database"
            : other.get().fields().equals(e.fields()) ? null : "differs: export " + e.fields() + ", restored " + other.get().fields();
        if (problem != null && total++ < SHOWN) {
          lines.add(type + " " + e.id() + " " + problem);
        }
      }
      for (Entity e : actual.all(type)) {
        if (expected.get(type, e.id()).isEmpty() && total++ < SHOWN) {
          lines.add(type + " " + e.id() + " is in the restored database but not in the export");
        }
      }
    }
    if (total > SHOWN) {
      lines.add("... and " + (total - SHOWN) + " more differences");
    }
    return lines;
  }
}
