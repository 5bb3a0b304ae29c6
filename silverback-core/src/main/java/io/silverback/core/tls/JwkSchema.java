package io.silverback.core.tls;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Validates a decoded JWK against Kong's {@code typedefs.jwk} record, as the keys entity check does
 * after the key itself loaded: only the listed members are allowed, all strings (non-empty) except
 * the {@code key_ops} and {@code x5c} string arrays. Errors are joined the way Kong's {@code
 * Schema:errors_to_string} does; Kong's order follows a Lua hash, ours is alphabetical.
 */
final class JwkSchema {
  private static final Set<String> STRINGS =
      Set.of(
          "issuer",
          "kty",
          "use",
          "alg",
          "kid",
          "x5u",
          "x5t",
          "x5t#S256",
          "k",
          "x",
          "y",
          "crv",
          "n",
          "e",
          "d",
          "p",
          "q",
          "dp",
          "dq",
          "qi",
          "oth",
          "r",
          "t");
  private static final Set<String> ARRAYS = Set.of("key_ops", "x5c");
  private static final String ERROR = "Validation error: ";

  private JwkSchema() {}

  /** The {@code Validation error: ...} summary, or empty when {@code jwk} fits the record. */
  static Optional<String> validate(JsonNode jwk) {
    var errors = new TreeMap<String, String>();
    jwk.fields()
        .forEachRemaining(
            member ->
                fieldError(member.getKey(), member.getValue())
                    .ifPresent(error -> errors.put(member.getKey(), error)));
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        errors.entrySet().stream()
            .map(error -> error.getKey() + ": " + error.getValue())
            .collect(Collectors.joining("; ", ERROR, "")));
  }

  private static Optional<String> fieldError(String name, JsonNode value) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (STRINGS.contains(name)) {
      return stringError(value);
    }
    if (ARRAYS.contains(name)) {
      return value.isArray() ? elementErrors(value) : Optional.of("expected an array");
    }
    return Optional.of("unknown field");
  }

  private static Optional<String> stringError(JsonNode value) {
    if (!value.isTextual()) {
      return Optional.of("expected a string");
    }
    return value.asText().isEmpty() ? Optional.of("length must be at least 1") : Optional.empty();
  }

  /**
   * Kong reports failing elements through a Lua table indexed by position and prints its array part
   * only, so the summary lists the failures from the first element on and stops at the first
   * element that is fine (it is empty when the first element is fine).
   */
  private static Optional<String> elementErrors(JsonNode array) {
    var results = new ArrayList<Optional<String>>();
    array.forEach(
        element -> results.add(element.isNull() ? Optional.empty() : stringError(element)));
    if (results.stream().noneMatch(Optional::isPresent)) {
      return Optional.empty();
    }
    var leading = results.stream().takeWhile(Optional::isPresent).map(Optional::get);
    return Optional.of(leading.collect(Collectors.joining("; ", ERROR, "")));
  }
}
