package io.silverback.core.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL split into parts the way LuaSocket's {@code socket.url.parse} splits it, which is what
 * Kong's {@code url} shorthands use. It is lenient on purpose: {@code invalid url} parses as a
 * relative path, so that validation of the resulting fields reports what is wrong.
 *
 * @param scheme the scheme, without {@code :}
 * @param host the host; IPv6 literals keep no brackets
 * @param port the port as written (digits or not)
 * @param path the path, without query or fragment
 */
record LuaUrl(Optional<String> scheme, Optional<String> host, Optional<String> port, Optional<String> path) {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
  private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");

  static LuaUrl parse(String url) {
    String rest = url;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String scheme = null;
    Matcher m = SCHEME.matcher(rest);
    if (m.find()) {
      scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
      rest = rest.substring(m.end());
    }
    String authority = null;
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    int q = rest.indexOf('?');
    if (q >= 0) {
      rest = rest.substring(0, q);
    }
    int semi = rest.indexOf(';');
    if (semi >= 0) {
      rest = rest.substring(0, semi);
    }
    String host = null;
    String port = null;
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      String hostport = at >= 0 ? authority.substring(at + 1) : authority;
      if (hostport.startsWith("[")) {
        int close = hostport.indexOf(']');
        host = close < 0 ? hostport : hostport.substring(1, close);
        String after = close < 0 ? "" : hostport.substring(close + 1);
        if (after.startsWith(":")) {
          port = after.substring(1);
        }
      } else {
        int colon = hostport.lastIndexOf(':');
        host = colon < 0 ? hostport : hostport.substring(0, colon);
        port = colon < 0 ? null : hostport.substring(colon + 1);
      }
      host = host.isEmpty() ? null : host;
      port = port == null || port.isEmpty() ? null : port;
    }
    return new LuaUrl(
        Optional.ofNullable(scheme), Optional.ofNullable(host), Optional.ofNullable(port),
        rest.isEmpty() ? Optional.empty() : Optional.of(rest));
  }

  /** The port as a number when it is all digits (Lua's {@code tonumber}). */
  static Optional<Integer> toPort(String port) {
    if (!DIGITS.matcher(port).matches() || port.length() > 9) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(port));
  }
}
