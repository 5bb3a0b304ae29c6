package io.silverback.ops.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
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
    return of(expected, actual, "the restored database");
  }

  /**
   * As {@link #of(Config, Config)}, naming where {@code actual} comes from ({@code "the restored
   * database"}, {@code "the read-only node's Admin API"}).
   */
  public static List<String> of(Config expected, Config actual, String where) {
    List<String> lines = new ArrayList<>();
    int total = 0;
    TreeSet<String> types = new TreeSet<>(expected.counts().keySet());
    types.addAll(actual.counts().keySet());
    for (String type : types) {
      for (Entity e : expected.all(type)) {
        Optional<Entity> other = actual.get(type, e.id());
        Optional<String> problem = other.isEmpty() ? Optional.of(type + " " + e.id() + " missing from " + where)
            : entity(e, other.get(), where);
        if (problem.isPresent() && total++ < SHOWN) {
          lines.add(problem.get());
        }
      }
      for (Entity e : actual.all(type)) {
        if (expected.get(type, e.id()).isEmpty() && total++ < SHOWN) {
          lines.add(type + " " + e.id() + " is in " + where + " but not in the export");
        }
      }
    }
    if (total > SHOWN) {
      lines.add("... and " + (total - SHOWN) + " more differences");
    }
    return lines;
  }

  /**
   * How one entity differs from what the export holds for it: {@code services <id> differs: host:
   * export "a", <where> "b"}, one clause per field; empty when it does not.
   */
  public static Optional<String> entity(Entity expected, Entity actual, String where) {
    return expected.fields().equals(actual.fields()) ? Optional.empty()
        : Optional.of(expected.type() + " " + expected.id() + " differs: " + fields(expected.fields(), actual.fields(), where));
  }

  /** The fields that differ, each with both values: {@code host: export "a", the restored database "b"}. */
  private static String fields(ObjectNode expected, ObjectNode actual, String where) {
    TreeSet<String> names = new TreeSet<>();
    expected.fieldNames().forEachRemaining(names::add);
    actual.fieldNames().forEachRemaining(names::add);
    StringJoiner out = new StringJoiner("; ");
    for (String name : names) {
      JsonNode a = expected.get(name);
      JsonNode b = actual.get(name);
      if (!Objects.equals(a, b)) {
        out.add(name + ": export " + (a == null ? "absent" : a) + ", " + where + " " + (b == null ? "absent" : b));
      }
    }
    return out.toString();
  }
}
