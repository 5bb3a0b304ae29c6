package io.silverback.gateway.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The proxy listener of a node before routing exists: it binds {@code proxy_listen} and answers
 * every request with Kong's {@code 404 {"message":"no Route matched with those values"}}, which is
 * exactly what Kong answers on a node with no routes. Routing, balancing and plugins replace the
 * request handler with the proxy's own issue; binding, port errors and shutdown stay here.
 */
final class NoRouteProxy {
  static final String NO_ROUTE = "{\"message\":\"no Route matched with those values\"}";

  private NoRouteProxy() {}

  /** Binds the address of {@code options}; the future fails when the port cannot be bound. */
  static Future<HttpServer> start(Vertx vertx, HttpServerOptions options) {
    return vertx.createHttpServer(options)
        .requestHandler(req -> req.response().setStatusCode(404)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .end(NO_ROUTE))
        .listen();
  }
}
