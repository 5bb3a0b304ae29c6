package io.silverback.store;

import java.util.Optional;

/**
 * What page of a collection to read: Kong's {@code size} (1 to 1000, default 100) and
 * {@code offset}, a tag filter, and for a nested collection ({@code /services/{id}/routes}) the
 * foreign key to filter on.
 *
 * @param size the page size
 * @param offset the opaque offset of a previous page, or empty for the first page
 * @param tags the tag filter, or empty
 * @param foreignField the foreign-key field to filter on, or null
 * @param foreignId the id the foreign key must hold, when {@code foreignField} is set
 */
public record PageRequest(int size, Optional<String> offset, Optional<TagFilter> tags, String foreignField, String foreignId) {
  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw StoreErrors.invalidSize("size must be an integer between 1 and " + MAX_SIZE);
    }
  }

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_SIZE, Optional.empty(), Optional.empty(), null, null);
  }

  public PageRequest withSize(int newSize) {
    return new PageRequest(newSize, offset, tags, foreignField, foreignId);
  }

  public PageRequest withOffset(String newOffset) {
    return new PageRequest(size, Optional.ofNullable(newOffset), tags, foreignField, foreignId);
  }

  public PageRequest withTags(TagFilter filter) {
    return new PageRequest(size, offset, Optional.ofNullable(filter), foreignField, foreignId);
  }

  /** Only entities whose {@code field} references {@code id}. */
  public PageRequest withForeign(String field, String id) {
    return new PageRequest(size, offset, tags, field, id);
  }
}
