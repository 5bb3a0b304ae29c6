package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;

/**
 * {@code /config} on a node with a database: Kong answers both methods with 400 and says the
 * endpoint is for DB-less nodes.
 */
public final class DatabaseModeConfig {
  static final String MESSAGE = "this endpoint is only available when Kong is configured to not use a database";

  private DatabaseModeConfig() {}

  /** Adds the refusing {@code GET} and {@code POST /config}. */
  public static void mount(AdminRoutes routes) {
    routes.add("/config", HttpMethod.GET, request -> Reply.message(400, MESSAGE));
    routes.add("/config", HttpMethod.POST, request -> Reply.message(400, MESSAGE));
  }
}
