package io.silverback.store;

import io.silverback.core.config.Entity;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, ordered by primary key.
 *
 * @param data the entities
 * @param offset the offset of the next page, empty on the last one
 */
public record Page(List<Entity> data, Optional<String> offset) {
  public Page {
    data = List.copyOf(data);
  }
}
