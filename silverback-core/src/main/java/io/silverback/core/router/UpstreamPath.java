package io.silverback.core.router;

/**
 * Joins the service path with the request path as Kong does: {@code get_upstream_uri_v0}
 * ({@code kong/router/utils.lua}, the only behaviour of {@code traditional_compatible}) and the
 * deprecated {@code path_handling = v1} of the traditional router ({@code
 * kong/router/traditional.lua}). The fixture table {@code spec/fixtures/router_path_handling_tests.lua}
 * pins both down.
 */
public final class UpstreamPath {
  private UpstreamPath() {}

  /**
   * The upstream path, before escaping, the way {@code atc.lua} computes it: the postfix is what
   * follows the matched prefix (or the first {@code /} when nothing is stripped), sanitized.
   *
   * @param servicePath the service's {@code path}, or null for {@code /}
   * @param stripPath whether the route strips its matched prefix
   * @param v1 whether the route asks for {@code path_handling = v1}
   * @param matchedPrefix the matched part of the path, or null when the route matched no path
   * @param path the normalized request path
   * @return the path to send upstream
   */
  public static String of(String servicePath, boolean stripPath, boolean v1, String matchedPrefix,
      String path) {
    String base = servicePath == null ? "/" : servicePath;
    String prefix = stripPath && matchedPrefix != null ? matchedPrefix : "/";
    String postfix = PathNormalizer.sanitizePostfix(
        prefix.length() >= path.length() ? "" : path.substring(prefix.length()));
    return v1 ? v1(base, stripPath, postfix, path) : v0(base, stripPath, postfix, path);
  }

  /**
   * Kong's {@code get_upstream_uri_v0}.
   *
   * @param base the service path ({@code /} when unset)
   * @param strip whether the route strips its matched prefix
   * @param postfix the sanitized rest of the request path after the prefix
   * @param path the normalized request path
   * @return the joined path
   */
  static String v0(String base, boolean strip, String postfix, String path) {
    if (base.endsWith("/")) {
      if (!strip) {
        return base + path.substring(1);
      }
      if (postfix.isEmpty()) {
        if (base.equals("/") || path.endsWith("/")) {
          return base;
        }
        return base.substring(0, base.length() - 1);
      }
      return postfix.startsWith("/") ? base.substring(0, base.length() - 1) + postfix
          : base + postfix;
    }
    if (!strip) {
      return path.equals("/") ? base : base + path;
    }
    if (postfix.isEmpty()) {
      return path.length() > 1 && path.endsWith("/") ? base + "/" : base;
    }
    return postfix.startsWith("/") ? base + postfix : base + "/" + postfix;
  }

  /**
   * The traditional router's {@code path_handling = v1}: the stripped path is appended to the
   * service path as is, only a doubled slash is collapsed.
   *
   * @param base the service path ({@code /} when unset)
   * @param strip whether the route strips its matched prefix
   * @param postfix the sanitized rest of the request path after the prefix
   * @param path the normalized request path
   * @return the joined path
   */
  static String v1(String base, boolean strip, String postfix, String path) {
    if (!strip) {
      return base + path.substring(1);
    }
    if (base.endsWith("/") && postfix.startsWith("/")) {
      return base.substring(0, base.length() - 1) + postfix;
    }
    return base + postfix;
  }
}
