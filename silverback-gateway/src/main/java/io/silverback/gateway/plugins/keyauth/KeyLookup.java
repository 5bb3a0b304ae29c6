package io.silverback.gateway.plugins.keyauth;

import java.util.List;

/** How key-auth reads one name's values: Lua's string, table or other. */
final class KeyLookup {
  private KeyLookup() {}

  /**
   * null for no value, the value when there is one string, the list when several, {@link
   * Boolean#TRUE} for a query argument without {@code =}.
   */
  static Object of(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      return values;
    }
    return values.get(0) == null ? Boolean.TRUE : values.get(0);
  }
}
