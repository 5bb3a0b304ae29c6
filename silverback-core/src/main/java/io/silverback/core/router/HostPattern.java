package io.silverback.core.router;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts} (or {@code snis}): an exact name, {@code *.suffix} (which
 * matches any depth, as compat's {@code http.host =^ ".suffix"}) or {@code prefix.*}, optionally
 * with a port ({@code kong/router/transform.lua}). Names compare case-insensitively.
 *
 * @param kind how the name compares
 * @param name the lower-case name without the wildcard (with the dot that stood next to it)
 * @param port the required port, or -1 for any
 */
record HostPattern(Kind kind, String name, int port) {
  /** How a pattern's name compares with the request's. */
  enum Kind {
    EXACT, SUFFIX, PREFIX
  }

  /** Parses a route host; the port is split off as {@link #portColon} reads it. */
  static HostPattern host(String value) {
    int colon = portColon(value);
    int port = colon < 0 ? -1 : parsePort(value.substring(colon + 1));
    String name = port < 0 ? value : value.substring(0, colon);
    return of(unbracket(name), port);
  }

  /**
   * Where the port of a host starts (its colon), as Kong's {@code split_host_port} reads it: after
   * a bracketed IPv6 literal, or at the only colon; -1 when there is none.
   */
  static int portColon(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 && close + 1 < host.length() && host.charAt(close + 1) == ':' ? close + 1 : -1;
    }
    int colon = host.indexOf(':');
    return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? colon : -1;
  }

  /** An IPv6 literal without its brackets, so that {@code [::1]} and {@code ::1} compare equal. */
  static String unbracket(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
  }

  /** Parses a route SNI: no port, and a trailing dot of an exact or suffix name is dropped. */
  static HostPattern sni(String value) {
    String name = value;
    if (!name.endsWith("*") && name.length() > 1 && name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return of(name, -1);
  }

  private static HostPattern of(String name, int port) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("*")) {
      return new HostPattern(Kind.SUFFIX, lower.substring(1), port);
    }
    if (lower.endsWith("*")) {
      return new HostPattern(Kind.PREFIX, lower.substring(0, lower.length() - 1), port);
    }
    return new HostPattern(Kind.EXACT, lower, port);
  }

  /** The port Kong's {@code tonumber} would read, or -1. */
  static int parsePort(String digits) {
    if (digits.isEmpty() || digits.length() > 5) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(digits);
  }

  /** Whether the pattern is a plain name, which the router can index. */
  boolean plain() {
    return kind == Kind.EXACT;
  }

  /**
   * Whether a request host matches.
   *
   * @param host the request's host, lower case, without port
   * @param requestPort the port from the Host header, else the server port
   */
  boolean matches(String host, int requestPort) {
    if (port >= 0 && port != requestPort) {
      return false;
    }
    switch (kind) {
      case SUFFIX:
        return host.endsWith(name);
      case PREFIX:
        return host.startsWith(name);
      default:
        return host.equals(name);
    }
  }
}
