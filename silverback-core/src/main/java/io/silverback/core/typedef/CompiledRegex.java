package io.silverback.core.typedef;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route regex translated from PCRE2 to {@code java.util.regex}. Group numbers are those of the
 * PCRE pattern; named groups become plain numbered groups in Java, and their PCRE names (which
 * may contain {@code _}, unlike Java names) are kept here.
 *
 * @param pcre the PCRE2 source as written in the route (without the leading {@code ~})
 * @param pattern the equivalent Java pattern; case-sensitive, not anchored (anchoring is the
 *     router's choice, e.g. {@link Matcher#lookingAt()})
 * @param namedGroups PCRE group names to group numbers, in order of definition
 */
public record CompiledRegex(String pcre, Pattern pattern, Map<String, Integer> namedGroups) {

  /**
   * Creates the record with an unmodifiable copy of the group map that keeps its order.
   *
   * @param pcre the PCRE2 source
   * @param pattern the Java pattern
   * @param namedGroups PCRE group names to group numbers
   */
  public CompiledRegex {
    namedGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namedGroups));
  }

  /**
   * The PCRE group names in order of definition.
   *
   * @return the names, possibly empty
   */
  public List<String> groupNames() {
    return List.copyOf(namedGroups.keySet());
  }

  /**
   * The group number of a PCRE group name.
   *
   * @param pcreName the name as written in the PCRE pattern
   * @return the number, empty when no group has that name
   */
  public OptionalInt groupNumber(String pcreName) {
    Integer number = namedGroups.get(pcreName);
    return number == null ? OptionalInt.empty() : OptionalInt.of(number);
  }

  /**
   * The text a named group captured in a successful match.
   *
   * @param matcher a matcher of {@link #pattern()} after a successful match
   * @param pcreName the PCRE group name
   * @return the captured text, empty when the name is unknown or the group did not participate
   * @throws IllegalStateException if the matcher has not matched
   */
  public Optional<String> group(Matcher matcher, String pcreName) {
    OptionalInt number = groupNumber(pcreName);
    return number.isPresent() ? Optional.ofNullable(matcher.group(number.getAsInt()))
        : Optional.empty();
  }
}
