package io.silverback.gateway.plugins.cors;

import io.silverback.core.typedef.SocketUrl;

/**
 * An origin as Kong's cors plugin compares it ({@code normalize_origin}): {@code
 * scheme://host[:port]} without a default port, and the host alone for host-only matching. A
 * string that LuaSocket finds no host in stands for itself.
 *
 * @param domain the normalized origin
 * @param host the host
 */
record Origin(String domain, String host) {
  static Origin parse(String origin) {
    SocketUrl url = SocketUrl.parse(origin);
    if (url.host().isEmpty()) {
      return new Origin(origin, origin);
    }
    String scheme = url.scheme().orElse(null);
    String port = url.port().orElse(null);
    if ("http".equals(scheme) && "80".equals(port) || "https".equals(scheme) && "443".equals(port)) {
      port = null;
    }
    String host = url.host().get();
    return new Origin((scheme != null ? scheme + "://" : "") + host + (port != null ? ":" + port : ""), host);
  }
}
