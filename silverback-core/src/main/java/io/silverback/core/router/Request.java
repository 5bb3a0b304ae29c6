package io.silverback.core.router;

import java.util.Locale;

/**
 * The request as the route predicates read it, computed once per match: compat's ATC context.
 *
 * @param facts what the caller gave
 * @param method the method
 * @param host the Host header's name, lower case, without port or IPv6 brackets ("" when absent)
 * @param port the Host header's port, else the server port
 * @param tls whether the request came over TLS (the SNI clause applies only then)
 * @param sni the lower-case SNI, or null
 * @param path the normalized path
 */
record Request(RequestFacts facts, String method, String host, int port, boolean tls, String sni,
    String path) {
  /**
   * Reads the facts; null when the path cannot be routed (it decodes to bytes that are not UTF-8).
   */
  static Request of(RequestFacts facts) {
    String raw = facts.rawPath() == null || facts.rawPath().isEmpty() ? "/" : facts.rawPath();
    String path = PathNormalizer.normalize(raw);
    if (path == null) {
      return null;
    }
    String host = facts.host() == null ? "" : facts.host();
    int port = facts.serverPort();
    int colon = HostPattern.portColon(host);
    if (colon >= 0) {
      int p = HostPattern.parsePort(host.substring(colon + 1));
      if (p >= 0) {
        port = p;
        host = host.substring(0, colon);
      }
    }
    host = HostPattern.unbracket(host).toLowerCase(Locale.ROOT);
    String sni = facts.sni() == null ? null : facts.sni().toLowerCase(Locale.ROOT);
    return new Request(facts, facts.method(), host, port, Protocols.secure(facts.scheme()), sni,
        path);
  }
}
