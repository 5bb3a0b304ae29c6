package io.silverback.gateway.plugins.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string or {@code application/x-www-form-urlencoded} body as Kong's
 * {@code kong.request.get_query()} sees it: every value of a name, decoded; an argument without
 * {@code =} has the value null (Kong's {@code true}, which no plugin takes for a key).
 */
public final class QueryArgs {
  private final Map<String, List<String>> args;

  private QueryArgs(Map<String, List<String>> args) {
    this.args = args;
  }

  /** Parses {@code raw} (without {@code ?}); null or empty has no arguments. */
  public static QueryArgs parse(String raw) {
    Map<String, List<String>> args = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = decode(eq < 0 ? part : part.substring(0, eq));
        args.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? null : decode(part.substring(eq + 1)));
      }
    }
    return new QueryArgs(args);
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> all(String name) {
    return args.getOrDefault(name, List.of());
  }

  /**
   * {@code raw} without the arguments named {@code name}, the others as sent; null when nothing is
   * left (Kong's {@code kong.service.request.clear_query_arg}).
   */
  public static String without(String raw, String name) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (part.isEmpty() || decode(eq < 0 ? part : part.substring(0, eq)).equals(name)) {
        continue;
      }
      out.append(out.length() == 0 ? "" : "&").append(part);
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
