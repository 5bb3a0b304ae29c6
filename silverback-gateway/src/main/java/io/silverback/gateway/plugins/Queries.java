package io.silverback.gateway.plugins;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query strings and url-encoded forms as ordered multi-maps, and back. A name without {@code =}
 * has the value {@code true}, as Kong's {@code kong.request.get_query} reports it; {@link
 * #encode} writes it back without a value.
 */
public final class Queries {
  private Queries() {}

  /** The arguments of {@code query} (no leading {@code ?}; null for none), in order. */
  public static Map<String, List<Object>> parse(String query) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String part : query.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      Object value = eq < 0 ? Boolean.TRUE : decode(part.substring(eq + 1));
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** Encodes {@code args} (values are strings or {@code true}); null when there are none. */
  public static String encode(Map<String, List<Object>> args) {
    StringBuilder out = new StringBuilder();
    args.forEach((name, values) -> {
      for (Object v : values) {
        if (out.length() > 0) {
          out.append('&');
        }
        out.append(escape(name));
        if (!(v instanceof Boolean)) {
          out.append('=').append(escape(String.valueOf(v)));
        }
      }
    });
    return out.length() == 0 ? null : out.toString();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Percent-encodes as ngx.encode_args: everything but unreserved characters; space as %20. */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
