package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;

/**
 * Copies headers from one hop to the next without the hop-by-hop ones (RFC 9110 §7.6.1): {@code
 * Connection}, {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code Trailer}, {@code
 * Transfer-Encoding}, {@code Upgrade}, and every header the {@code Connection} header names.
 * {@code Host} is left out as well: each hop sets its own.
 *
 * <p>A plain loop with length-first comparisons instead of a set lookup: this runs for every
 * header of every request and response, and most names fail on the length.
 */
final class HopByHop {
  private HopByHop() {}

  /** Adds the end-to-end headers of {@code from} to {@code to}. */
  static void copy(MultiMap from, MultiMap to) {
    String connection = from.get("connection");
    boolean extra = connection != null && namesOthers(connection);
    from.forEach((name, value) -> {
      if (!isHopByHop(name) && !(extra && listed(connection, name))) {
        to.add(name, value);
      }
    });
  }

  static boolean isHopByHop(String name) {
    switch (name.length()) {
      case 2:
        return name.equalsIgnoreCase("te");
      case 4:
        return name.equalsIgnoreCase("host");
      case 7:
        return name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10:
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 17:
        return name.equalsIgnoreCase("transfer-encoding");
      default:
        return name.length() > 6 && name.regionMatches(true, 0, "proxy-", 0, 6);
    }
  }

  /** Whether {@code connection} names more than the usual {@code keep-alive}, {@code close}, {@code upgrade}. */
  private static boolean namesOthers(String connection) {
    for (String token : connection.split(",")) {
      String t = token.trim();
      if (!t.isEmpty() && !t.equalsIgnoreCase("keep-alive") && !t.equalsIgnoreCase("close")
          && !t.equalsIgnoreCase("upgrade")) {
        return true;
      }
    }
    return false;
  }

  private static boolean listed(String connection, String name) {
    for (String token : connection.split(",")) {
      if (token.trim().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
