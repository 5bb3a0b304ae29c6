package io.silverback.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.Iterator;
import java.util.Map;

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

  /**
   * Adds the end-to-end headers of {@code from} to {@code to}. A map that is also Netty's {@code
   * HttpHeaders} (Vert.x's, as a client's request has) is walked as it is stored, so no name
   * becomes a new String on the way.
   */
  static void copy(MultiMap from, MultiMap to) {
    String connection = from.get("connection");
    boolean extra = connection != null && namesOthers(connection);
    if (from instanceof HttpHeaders netty) {
      Iterator<Map.Entry<CharSequence, CharSequence>> it = netty.iteratorCharSequence();
      while (it.hasNext()) {
        Map.Entry<CharSequence, CharSequence> h = it.next();
        if (!isHopByHop(h.getKey()) && !(extra && listed(connection, h.getKey()))) {
          to.add(h.getKey(), h.getValue());
        }
      }
      return;
    }
    from.forEach((name, value) -> {
      if (!isHopByHop(name) && !(extra && listed(connection, name))) {
        to.add(name, value);
      }
    });
  }

  static boolean isHopByHop(CharSequence name) {
    switch (name.length()) {
      case 2:
        return AsciiString.contentEqualsIgnoreCase(name, "te");
      case 4:
        return AsciiString.contentEqualsIgnoreCase(name, "host");
      case 7:
        return AsciiString.contentEqualsIgnoreCase(name, "trailer")
            || AsciiString.contentEqualsIgnoreCase(name, "upgrade");
      case 10:
        return AsciiString.contentEqualsIgnoreCase(name, "connection")
            || AsciiString.contentEqualsIgnoreCase(name, "keep-alive");
      case 17:
        return AsciiString.contentEqualsIgnoreCase(name, "transfer-encoding");
      default:
        return name.length() > 6 && AsciiString.regionMatches(name, true, 0, "proxy-", 0, 6);
    }
  }

  /** Whether {@code connection} names more than the usual {@code keep-alive}, {@code close}, {@code upgrade}. */
  private static boolean namesOthers(String connection) {
    if (connection.equalsIgnoreCase("keep-alive") || connection.equalsIgnoreCase("close")) {
      return false;
    }
    for (String token : connection.split(",")) {
      String t = token.trim();
      if (!t.isEmpty() && !t.equalsIgnoreCase("keep-alive") && !t.equalsIgnoreCase("close")
          && !t.equalsIgnoreCase("upgrade")) {
        return true;
      }
    }
    return false;
  }

  private static boolean listed(String connection, CharSequence name) {
    for (String token : connection.split(",")) {
      if (AsciiString.contentEqualsIgnoreCase(token.trim(), name)) {
        return true;
      }
    }
    return false;
  }
}
