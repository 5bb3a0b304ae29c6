package io.silverback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.ops.backup.ConfigDiff;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what a node's Admin API serves with the declarative export one entity at a time, as
 * pages arrive, so the served entities never have to be held all at once (at 100k entities a
 * second full copy costs the verification seconds of garbage collection). Same wording as {@link
 * ConfigDiff}, at most {@value #SHOWN} lines plus a count of the rest.
 */
final class ServedDiff {
  static final String WHERE = "the read-only node's Admin API";
  private static final int SHOWN = 20;

  private final Config expected;
  private final Set<String> seen = new HashSet<>();
  private final List<String> lines = new ArrayList<>();
  private int total;
  private int served;

  ServedDiff(Config expected) {
    this.expected = expected;
  }

  /** One served entity of {@code schema}. */
  void served(EntitySchema schema, Entity e) {
    served++;
    seen.add(e.type() + ' ' + e.id());
    Optional<Entity> want = expected.get(e.type(), e.id());
    if (want.isEmpty()) {
      add(e.type() + " " + e.id() + " is in " + WHERE + " but not in the export");
      return;
    }
    ConfigDiff.entity(want.get(), withExpectedTtl(schema, e, want.get()), WHERE).ifPresent(this::add);
  }

  /** The differences, with every exported entity of {@code types} the node did not serve. */
  List<String> finish(List<EntitySchema> types) {
    for (EntitySchema schema : types) {
      for (Entity e : expected.all(schema.name())) {
        if (!seen.contains(e.type() + ' ' + e.id())) {
          add(e.type() + " " + e.id() + " missing from " + WHERE);
        }
      }
    }
    List<String> out = new ArrayList<>(lines);
    if (total > SHOWN) {
      out.add("... and " + (total - SHOWN) + " more differences");
    }
    return out;
  }

  int served() {
    return served;
  }

  private void add(String line) {
    if (total++ < SHOWN) {
      lines.add(line);
    }
  }

  /**
   * The Admin API shows {@code ttl} as the seconds left, the export as stored: where both have one,
   * the served entity takes the export's, so only a missing or added {@code ttl} counts.
   */
  private static Entity withExpectedTtl(EntitySchema schema, Entity served, Entity expected) {
    JsonNode ttl = expected.get("ttl");
    if (!schema.ttl() || !ttl.isNumber() || !served.get("ttl").isNumber()) {
      return served;
    }
    Entity copy = new Entity(served.type(), served.id(), served.copy());
    copy.fields().set("ttl", ttl);
    return copy;
  }
}
