package io.silverback.gateway.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code name:value} entry of the transformer plugins, split as Kong splits it with the Lua
 * pattern {@code ^([^:]+):*(.-)$}: the name runs to the first colon, the value starts after the
 * colons that follow it and is null when empty.
 *
 * @param name the name
 * @param value the value, or null
 */
public record Pair(String name, String value) {
  /** Splits {@code entry}. */
  public static Pair of(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      return new Pair(entry, null);
    }
    int start = colon;
    while (start < entry.length() && entry.charAt(start) == ':') {
      start++;
    }
    String value = entry.substring(start);
    return new Pair(entry.substring(0, colon), value.isEmpty() ? null : value);
  }

  /** The entries of a config array ({@code []} when absent). */
  public static List<Pair> all(JsonNode array) {
    List<Pair> out = new ArrayList<>();
    array.forEach(e -> out.add(of(e.asText())));
    return out;
  }
}
