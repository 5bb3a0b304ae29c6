package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP-family protocols of a route, which are not part of matching: the runloop checks them
 * after a match ({@code kong/runloop/handler.lua}) and refuses a plain request on a route that
 * takes {@code https} but not {@code http} with 426 or a redirect. A {@code grpcs}-only route is
 * refused the same way here.
 *
 * @param requiresTls whether the route refuses requests that did not come over TLS
 */
record Protocols(boolean requiresTls) {
  /** Reads a route's {@code protocols}. */
  static Protocols of(JsonNode protocols) {
    boolean http = has(protocols, "http");
    boolean https = has(protocols, "https");
    boolean grpc = has(protocols, "grpc");
    boolean grpcs = has(protocols, "grpcs");
    return new Protocols(https && !http || grpcs && !grpc && !http && !https);
  }

  /** Whether a protocol list names only stream protocols (judged, as Kong does, by its first). */
  static boolean stream(JsonNode protocols) {
    if (!protocols.isArray() || protocols.isEmpty()) {
      return false;
    }
    String first = protocols.get(0).asText();
    return first.equals("tcp") || first.equals("udp") || first.equals("tls")
        || first.equals("tls_passthrough");
  }

  /** Whether a request with this scheme may use the route. */
  boolean allows(String scheme) {
    return !requiresTls || secure(scheme);
  }

  /** Whether the scheme is one over TLS. */
  static boolean secure(String scheme) {
    return "https".equals(scheme) || "grpcs".equals(scheme);
  }

  private static boolean has(JsonNode protocols, String protocol) {
    for (JsonNode p : protocols) {
      if (p.asText().equals(protocol)) {
        return true;
      }
    }
    return false;
  }
}
