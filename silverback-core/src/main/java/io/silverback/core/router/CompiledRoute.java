package io.silverback.core.router;

import io.silverback.core.config.Entity;
import io.silverback.core.router.PathPattern.PathHit;
import java.util.List;
import java.util.Map;

/**
 * One (possibly split) route ready for matching: compat's expression as plain predicates, AND
 * across fields and OR within one. Fields a route does not set are null and always match.
 *
 * @param route the original route, reported on a match
 * @param service the route's service, or null
 * @param id the id that breaks priority ties (the sub-route's UUIDv5 when split), lower case
 * @param priority compat's priority, compared unsigned
 * @param methods the methods, or null
 * @param hosts the hosts, or null
 * @param snis the SNIs (checked only for TLS requests), or null
 * @param headers the header conditions, or null
 * @param paths the paths, or null
 * @param protocols what the route accepts, for {@link RouteMatch#protocolAllowed()}
 */
record CompiledRoute(Entity route, Entity service, String id, long priority, String[] methods,
    HostPattern[] hosts, HostPattern[] snis, HeaderCondition[] headers, PathPattern[] paths,
    Protocols protocols) {
  /** The hit of a route that has no paths. */
  static final PathHit NO_PATH = new PathHit(null, List.of(), Map.of());

  /** Whether every host is plain, so that the route can sit in the host index. */
  boolean plainHostsOnly() {
    if (hosts == null) {
      return false;
    }
    for (HostPattern h : hosts) {
      if (!h.plain()) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the request path must start with for this route to match, one per path (a regex gives
   * its literal start); null when the route has no paths, so any path can match.
   */
  String[] prefixes() {
    if (paths == null) {
      return null;
    }
    String[] out = new String[paths.length];
    for (int i = 0; i < paths.length; i++) {
      out[i] = paths[i].literalPrefix();
    }
    return out;
  }

  /**
   * Matches every field; the path last, as it is the dearest.
   *
   * @return the path hit ({@link #NO_PATH} when the route has no paths), or null
   */
  PathHit match(Request req) {
    if (methods != null && !contains(methods, req.method())) {
      return null;
    }
    if (hosts != null && !anyHost(hosts, req.host(), req.port())) {
      return null;
    }
    if (snis != null && req.tls() && (req.sni() == null || !anyHost(snis, req.sni(), -1))) {
      return null;
    }
    if (headers != null) {
      for (HeaderCondition h : headers) {
        if (!h.matches(req.facts().headers())) {
          return null;
        }
      }
    }
    if (paths == null) {
      return NO_PATH;
    }
    for (PathPattern p : paths) {
      PathHit hit = p.match(req.path());
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  private static boolean contains(String[] values, String value) {
    for (String v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyHost(HostPattern[] patterns, String host, int port) {
    for (HostPattern p : patterns) {
      if (p.matches(host, port)) {
        return true;
      }
    }
    return false;
  }
}
