package io.silverback.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.store.TagFilter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kong's tag condition ({@code kong/db/strategies/off/init.lua} {@code matches_condition}):
 * {@code and} needs every tag of the filter on the entity, {@code or} any one; an untagged entity
 * never matches.
 */
final class TagMatch {
  private TagMatch() {}

  static Predicate<Entity> of(TagFilter filter) {
    return e -> {
      JsonNode tags = e.get("tags");
      if (!tags.isArray() || tags.isEmpty()) {
        return false;
      }
      Set<String> present = new HashSet<>();
      tags.forEach(t -> present.add(t.asText()));
      return filter.all()
          ? present.containsAll(filter.tags())
          : filter.tags().stream().anyMatch(present::contains);
    };
  }
}
