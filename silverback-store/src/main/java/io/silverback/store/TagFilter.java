package io.silverback.store;

import java.util.Arrays;
import java.util.List;

/**
 * Kong's {@code ?tags=} filter: {@code a,b} matches entities tagged with both, {@code a/b}
 * entities tagged with either. Mixing {@code ,} and {@code /} is refused, as in Kong.
 *
 * @param tags the tags, at least one
 * @param all whether every tag must be present (else any one)
 */
public record TagFilter(List<String> tags, boolean all) {
  public TagFilter {
    tags = List.copyOf(tags);
  }

  /**
   * Parses a {@code tags} query value.
   *
   * @throws StoreException {@code INVALID_OPTIONS} when the value mixes {@code ,} and {@code /} or
   *     holds an empty tag
   */
  public static TagFilter parse(String value) {
    boolean and = value.indexOf(',') >= 0;
    boolean or = value.indexOf('/') >= 0;
    if (and && or) {
      throw StoreErrors.invalidOptions("tags", "invalid filter: mixing ',' and '/' is not supported");
    }
    List<String> tags = Arrays.asList(value.split(or ? "/" : ",", -1));
    if (tags.stream().anyMatch(String::isEmpty)) {
      throw StoreErrors.invalidOptions("tags", "invalid filter: empty tag in '" + value + "'");
    }
    return new TagFilter(tags, !or);
  }
}
