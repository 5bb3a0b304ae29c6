package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.typedef.Names;
import java.util.List;
import java.util.Optional;

/**
 * The list fields shared by {@code request-transformer} and {@code response-transformer}: arrays
 * of names, or of {@code name:value} pairs, that default to empty.
 *
 * <p>Kong splits a pair with the Lua pattern {@code ^([^:]+):*(.-)$}: the name runs to the first
 * colon, and the value starts after the colons that follow it. A string that starts with a colon
 * has no name.
 */
final class TransformerFields {
  /** Lua's {@code ^[^:]+:.*$}: a name, a colon, then anything. */
  static final String COLON_PAIR = "^[^:]+:";

  private TransformerFields() {}

  /** A required array of {@code elements}, empty by default. */
  static Field.Builder list(Field.Builder elements) {
    return Field.array(elements.build()).required().defaultValue(List.of());
  }

  /** Plain strings. */
  static Field.Builder strings() {
    return list(Field.string());
  }

  /** {@code name:value} strings. */
  static Field.Builder colonPairs() {
    return list(Field.string().match(COLON_PAIR));
  }

  /** Header names, optionally followed by {@code :anything}. */
  static Field.Builder headerNames() {
    return list(Field.string().custom(pair -> validateHeaders(pair, false)));
  }

  /** {@code header:value} strings. */
  static Field.Builder headerValuePairs() {
    return list(Field.string().match(COLON_PAIR).custom(pair -> validateHeaders(pair, false)));
  }

  /** {@code header:header} strings (renames), both sides header names. */
  static Field.Builder headerRenames() {
    return list(Field.string().match(COLON_PAIR).custom(pair -> validateHeaders(pair, true)));
  }

  /** The name of a pair, empty when the string starts with a colon. */
  static Optional<String> name(String pair) {
    int colon = pair.indexOf(':');
    if (colon == 0 || pair.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(colon < 0 ? pair : pair.substring(0, colon));
  }

  /** The value of a pair: what follows the colons after the name; empty string when none. */
  static String value(String pair) {
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return "";
    }
    int start = colon;
    while (start < pair.length() && pair.charAt(start) == ':') {
      start++;
    }
    return pair.substring(start);
  }

  /** Kong's {@code validate_headers}; a missing name shows as {@code nil}, as Lua prints it. */
  private static Optional<String> validateHeaders(String pair, boolean validateValue) {
    Optional<String> name = name(pair);
    if (name.isEmpty() || Names.headerName(name.get()).isPresent()) {
      return Optional.of("'" + name.orElse("nil") + "' is not a valid header");
    }
    String value = value(pair);
    if (validateValue && Names.headerName(value).isPresent()) {
      return Optional.of("'" + value + "' is not a valid header");
    }
    return Optional.empty();
  }
}
