package io.silverback.core.typedef;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL split the way LuaSocket's {@code socket.url.parse} splits it, which is what Kong's
 * {@code url} shorthands and plugin URL fields use. It is lenient on purpose: {@code invalid url}
 * parses as a relative path, so that validation of the resulting fields reports what is wrong.
 *
 * <p>The fragment goes first ({@code #...}); the scheme ends at the first {@code :} after
 * alphanumerics, {@code +}, {@code -} and {@code .}; the authority follows {@code //} up to the
 * next {@code /}; then the query ({@code ?...}) and parameters ({@code ;...}) are cut from the
 * path. In the authority the user info is what precedes its first {@code @} (an empty one, as in
 * {@code http://@h}, is present), the port what follows the last {@code :} outside brackets, and
 * IPv6 literals lose their brackets.
 *
 * @param scheme the scheme as written
 * @param userinfo the user info, possibly empty
 * @param host the host
 * @param port the port as written (digits or not)
 * @param path the path, without query, parameters or fragment
 */
public record SocketUrl(
    Optional<String> scheme, Optional<String> userinfo, Optional<String> host, Optional<String> port,
    Optional<String> path) {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
  private static final Pattern PORT = Pattern.compile(":([^:\\]]*)\\z");
  private static final Pattern IPV6 = Pattern.compile("^\\[(.+)]\\z", Pattern.DOTALL);
  private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,9}$");

  /** Splits {@code url}; never fails. */
  public static SocketUrl parse(String url) {
    String rest = cut(url, '#');
    String scheme = null;
    Matcher m = SCHEME.matcher(rest);
    if (m.find()) {
      scheme = m.group(1);
      rest = rest.substring(m.end());
    }
    String authority = null;
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    rest = cut(cut(rest, '?'), ';');
    Optional<String> path = rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    if (authority == null) {
      return new SocketUrl(Optional.ofNullable(scheme), Optional.empty(), Optional.empty(), Optional.empty(), path);
    }
    String userinfo = null;
    int at = authority.indexOf('@');
    if (at >= 0) {
      userinfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
    }
    String port = null;
    Matcher p = PORT.matcher(authority);
    if (p.find()) {
      port = p.group(1);
      authority = authority.substring(0, p.start());
    }
    String host = null;
    if (!authority.isEmpty()) {
      Matcher v6 = IPV6.matcher(authority);
      host = v6.find() ? v6.group(1) : authority;
    }
    return new SocketUrl(Optional.ofNullable(scheme), Optional.ofNullable(userinfo), Optional.ofNullable(host),
        Optional.ofNullable(port).filter(s -> !s.isEmpty()), path);
  }

  /** The port as a number when it is all digits (Lua's {@code tonumber}). */
  public Optional<Integer> portNumber() {
    return port.filter(s -> DIGITS.matcher(s).matches()).map(Integer::parseInt);
  }

  private static String cut(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i);
  }
}
