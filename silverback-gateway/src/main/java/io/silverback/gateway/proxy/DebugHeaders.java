package io.silverback.gateway.proxy;

import io.silverback.core.config.Entity;
import io.silverback.core.router.RouteMatch;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Kong's debug headers ({@code kong/router/utils.lua} {@code add_debug_headers}): with {@code
 * allow_debug_header = on}, a request carrying a {@code Kong-Debug} header (any value) gets the
 * matched route's and service's ids and names in its response, whatever answers it.
 */
final class DebugHeaders {
  private static final CharSequence KONG_DEBUG = HttpHeaders.createOptimized("Kong-Debug");
  private static final CharSequence ROUTE_ID = HttpHeaders.createOptimized("Kong-Route-Id");
  private static final CharSequence ROUTE_NAME = HttpHeaders.createOptimized("Kong-Route-Name");
  private static final CharSequence SERVICE_ID = HttpHeaders.createOptimized("Kong-Service-Id");
  private static final CharSequence SERVICE_NAME = HttpHeaders.createOptimized("Kong-Service-Name");

  private DebugHeaders() {}

  /** Adds the headers to {@code request}'s response when it asked for them. */
  static void add(HttpServerRequest request, RouteMatch match) {
    if (!request.headers().contains(KONG_DEBUG)) {
      return;
    }
    MultiMap out = request.response().headers();
    set(out, ROUTE_ID, ROUTE_NAME, match.route());
    set(out, SERVICE_ID, SERVICE_NAME, match.service());
  }

  private static void set(MultiMap out, CharSequence idHeader, CharSequence nameHeader, Entity entity) {
    if (entity == null) {
      return;
    }
    out.set(idHeader, entity.id());
    String name = entity.text("name");
    if (name != null) {
      out.set(nameHeader, name);
    }
  }
}
