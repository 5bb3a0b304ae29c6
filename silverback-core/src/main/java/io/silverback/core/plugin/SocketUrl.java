package io.silverback.core.plugin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a URL that LuaSocket's {@code socket.url.parse} finds and Kong's plugin schemas
 * read: scheme, user info and host. The scheme ends at the first {@code :} after alphanumerics,
 * {@code +}, {@code -} and {@code .}; the authority follows {@code //} up to the next {@code /};
 * the user info is what precedes its first {@code @}. An empty user info ({@code http://@h}) is
 * present, as in Lua.
 *
 * @param scheme the scheme as written
 * @param userinfo the user info, possibly empty
 * @param host the host; IPv6 literals keep no brackets
 */
record SocketUrl(Optional<String> scheme, Optional<String> userinfo, Optional<String> host) {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
  private static final Pattern PORT = Pattern.compile(":([^:\\]]*)\\z");
  private static final Pattern IPV6 = Pattern.compile("^\\[(.+)]\\z", Pattern.DOTALL);

  static SocketUrl parse(String url) {
    String rest = url;
    String scheme = null;
    Matcher m = SCHEME.matcher(rest);
    if (m.find()) {
      scheme = m.group(1);
      rest = rest.substring(m.end());
    }
    if (!rest.startsWith("//")) {
      return new SocketUrl(Optional.ofNullable(scheme), Optional.empty(), Optional.empty());
    }
    int slash = rest.indexOf('/', 2);
    String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
    String userinfo = null;
    int at = authority.indexOf('@');
    if (at >= 0) {
      userinfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
    }
    authority = PORT.matcher(authority).replaceFirst("");
    String host = null;
    if (!authority.isEmpty()) {
      Matcher v6 = IPV6.matcher(authority);
      host = v6.find() ? v6.group(1) : authority;
    }
    return new SocketUrl(Optional.ofNullable(scheme), Optional.ofNullable(userinfo), Optional.ofNullable(host));
  }
}
