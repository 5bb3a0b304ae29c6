package io.silverback.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;

/**
 * A route's proxy settings, decoded from its entity once per snapshot.
 *
 * @param stripPath Kong's {@code strip_path}
 * @param preserveHost Kong's {@code preserve_host}: send the client's Host upstream
 * @param httpsRedirectStatus Kong's {@code https_redirect_status_code} (426 answers without a redirect)
 * @param grpc whether the route's {@code protocols} are {@code grpc} and/or {@code grpcs} (then
 *     only gRPC requests may use it: {@link GrpcRequests})
 * @param grpcsOnly whether they are {@code grpcs} without {@code grpc}
 */
record RouteSettings(boolean stripPath, boolean preserveHost, int httpsRedirectStatus, boolean grpc,
    boolean grpcsOnly) {
  static final RouteSettings DEFAULTS = new RouteSettings(true, false, 426, false, false);

  static RouteSettings of(Entity route) {
    JsonNode protocols = route.get("protocols");
    boolean grpc = has(protocols, "grpc");
    boolean grpcs = has(protocols, "grpcs");
    return new RouteSettings(route.get("strip_path").asBoolean(true), route.get("preserve_host").asBoolean(false),
        route.get("https_redirect_status_code").asInt(426), grpc || grpcs, grpcs && !grpc);
  }

  private static boolean has(JsonNode protocols, String protocol) {
    if (protocols != null && protocols.isArray()) {
      for (JsonNode p : protocols) {
        if (protocol.equals(p.asText())) {
          return true;
        }
      }
    }
    return false;
  }
}
