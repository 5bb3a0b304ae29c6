package io.silverback.core.typedef;

import io.silverback.core.typedef.AddressParse.Invalid;
import io.silverback.core.typedef.AddressParse.Kind;
import io.silverback.core.typedef.AddressParse.Valid;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Kong's host parsing ({@code kong/tools/ip.lua}: {@code hostname_type}, {@code normalize_ipv4},
 * {@code normalize_ipv6}, {@code check_hostname}, {@code normalize_ip}), which the {@code host},
 * {@code sni}, {@code wildcard_host} and route {@code hosts} typedefs build on.
 *
 * <p>These rules are deliberately not the RFC ones: the type is decided by counting colons, IPv4
 * octets may carry leading zeros ({@code 001.002.003.004}), IPv6 must not embed an IPv4 tail, and
 * hostnames are checked by character class and per-label dash/dot rules only. Scanners are
 * hand-written so that the valid path allocates nothing but the result.
 */
public final class Addresses {
  static final String INVALID_PORT = "invalid port number";
  private static final int MAX_PORT = 65535;
  private static final int NO_PORT = -1;
  private static final int BAD_PORT = -2;

  private Addresses() {}

  /**
   * Classifies an address the way Kong does: more than one colon means IPv6, only digits and dots
   * (after removing a single colon) means IPv4, anything else is a name.
   *
   * @param address the address, possibly with a port
   * @return the kind; an {@code IPV6} or {@code IPV4} kind does not imply validity
   */
  public static Kind hostnameType(String address) {
    int colons = 0;
    boolean digitsAndDots = true;
    boolean any = false;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == ':') {
        colons++;
      } else {
        any = true;
        digitsAndDots &= isDigit(c) || c == '.';
      }
    }
    if (colons > 1) {
      return Kind.IPV6;
    }
    return any && digitsAndDots ? Kind.IPV4 : Kind.NAME;
  }

  /**
   * Verifies and normalizes an IPv4 address, IPv6 address or hostname, each with an optional port
   * ({@code [ipv6]:port} for IPv6), like Kong's {@code normalize_ip}.
   *
   * @param address the address to check
   * @return the normalized address or Kong's error text
   */
  public static AddressParse normalizeIp(String address) {
    switch (hostnameType(address)) {
      case IPV4:
        return normalizeIpv4(address);
      case IPV6:
        return normalizeIpv6(address);
      default:
        return checkHostname(address);
    }
  }

  /**
   * Parses {@code a.b.c.d} or {@code a.b.c.d:port}; each octet has one to three digits and a value
   * up to 255, leading zeros allowed.
   *
   * @param address the address to check
   * @return the address without leading zeros, or {@code invalid ipv4 address: <address>} /
   *     {@code invalid port number}
   */
  public static AddressParse normalizeIpv4(String address) {
    int colon = address.indexOf(':');
    int end = colon < 0 ? address.length() : colon;
    int[] octets = new int[4];
    int pos = 0;
    for (int i = 0; i < 4; i++) {
      int start = pos;
      int value = 0;
      while (pos < end && pos - start < 3 && isDigit(address.charAt(pos))) {
        value = value * 10 + address.charAt(pos++) - '0';
      }
      boolean separatorOk = i == 3 ? pos == end : pos < end && address.charAt(pos) == '.';
      if (pos == start || !separatorOk || value > 255) {
        return new Invalid("invalid ipv4 address: " + address);
      }
      octets[i] = value;
      pos++;
    }
    int port = colon < 0 ? NO_PORT : parsePort(address, colon + 1);
    if (port == NO_PORT && colon >= 0) {
      return new Invalid("invalid ipv4 address: " + address);
    }
    if (port == BAD_PORT) {
      return new Invalid(INVALID_PORT);
    }
    String host = octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
    return new Valid(Kind.IPV4, host, port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
  }

  /**
   * Parses {@code ipv6}, {@code [ipv6]} or {@code [ipv6]:port}: eight groups of one to four hex
   * digits, one {@code ::} allowed, no embedded IPv4.
   *
   * @param address the address to check
   * @return the fully expanded lower-case address, or {@code invalid ipv6 address: <address>} /
   *     {@code invalid ipv6 address} (bad text after the brackets) / {@code invalid port number}
   */
  public static AddressParse normalizeIpv6(String address) {
    String check = address;
    int port = NO_PORT;
    int close = balancedBracketEnd(address);
    if (close > 0) {
      check = address.substring(1, close);
      if (close + 1 < address.length()) {
        // Kong crashes (nil compared with a number) on "[...]:" with no digits; treat it as
        // the malformed-suffix case instead.
        if (address.charAt(close + 1) != ':' || close + 2 == address.length()) {
          return new Invalid("invalid ipv6 address");
        }
        port = parsePort(address, close + 2);
        if (port == NO_PORT) {
          return new Invalid("invalid ipv6 address");
        }
        if (port == BAD_PORT) {
          return new Invalid(INVALID_PORT);
        }
      }
    }
    String expanded = expandIpv6(check);
    if (expanded == null) {
      return new Invalid("invalid ipv6 address: " + address);
    }
    return new Valid(Kind.IPV6, expanded, port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
  }

  /**
   * Checks a hostname with an optional {@code :port}: letters, digits, {@code -}, {@code .} and
   * {@code _} only, no label ending in {@code -}, no empty label except a trailing one
   * ({@code example.} is valid). Punycode labels may start with a dash.
   *
   * @param address the name to check
   * @return the name as written, or {@code invalid hostname: <address>} / {@code invalid port
   *     number}
   */
  public static AddressParse checkHostname(String address) {
    String name = address;
    int port = NO_PORT;
    int colon = address.lastIndexOf(':');
    if (colon >= 0) {
      port = parsePort(address, colon + 1);
      if (port == BAD_PORT) {
        return new Invalid(INVALID_PORT);
      }
      if (port != NO_PORT) {
        name = address.substring(0, colon);
      }
    }
    if (!isHostname(name)) {
      return new Invalid("invalid hostname: " + address);
    }
    return new Valid(Kind.NAME, name, port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
  }

  private static boolean isHostname(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char previous = '.';
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed = isDigit(c) || isAsciiLetter(c) || c == '-' || c == '.' || c == '_';
      if (!allowed) {
        return false;
      }
      // A label may not end in '-', and only the last label may be empty.
      if (c == '.' && (previous == '-' || previous == '.')) {
        return false;
      }
      previous = c;
    }
    return previous != '-';
  }

  /**
   * Reads the digits from {@code from} to the end as a port like Lua's {@code tonumber}.
   *
   * @return the port, {@link #NO_PORT} when the suffix is empty or not all digits, {@link
   *     #BAD_PORT} when above 65535
   */
  private static int parsePort(String s, int from) {
    if (from >= s.length()) {
      return NO_PORT;
    }
    long value = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return NO_PORT;
      }
      value = Math.min(value * 10 + (c - '0'), MAX_PORT + 1);
    }
    return value > MAX_PORT ? BAD_PORT : (int) value;
  }

  /** Position of the ']' closing a leading '[' (Lua's {@code %b[]}), or -1. */
  private static int balancedBracketEnd(String s) {
    if (s.isEmpty() || s.charAt(0) != '[') {
      return -1;
    }
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Kong's textual IPv6 expansion: pad a leading or trailing ':' with '0', replace the first "::"
   * by as many zero groups as the colon count leaves room for, then require exactly eight groups
   * of one to four hex digits.
   *
   * @return the expanded, zero-padded, lower-case address, or null when invalid
   */
  private static String expandIpv6(String address) {
    String check = address;
    if (check.startsWith(":")) {
      check = "0" + check;
    }
    if (check.endsWith(":")) {
      check = check + "0";
    }
    int doubleColon = check.indexOf("::");
    if (doubleColon >= 0) {
      int colons = 0;
      for (int i = 0; i < check.length(); i++) {
        colons += check.charAt(i) == ':' ? 1 : 0;
      }
      String insert = ":" + "0:".repeat(Math.max(0, 8 - colons));
      check = check.substring(0, doubleColon) + insert + check.substring(doubleColon + 2);
    }
    StringBuilder out = new StringBuilder(39);
    int groups = 0;
    int start = 0;
    while (start <= check.length()) {
      int end = check.indexOf(':', start);
      if (end < 0) {
        end = check.length();
      }
      int len = end - start;
      if (len < 1 || len > 4 || !isHex(check, start, end) || ++groups > 8) {
        return null;
      }
      if (out.length() > 0) {
        out.append(':');
      }
      out.append("0000", 0, 4 - len).append(check, start, end);
      start = end + 1;
    }
    return groups == 8 ? out.toString().toLowerCase(Locale.ROOT) : null;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
