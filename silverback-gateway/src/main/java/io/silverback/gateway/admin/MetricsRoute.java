package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the Admin API, as Kong's prometheus plugin serves it: the Prometheus
 * text exposition, {@code text/plain; version=0.0.4; charset=utf-8}. The scrape runs on a
 * worker thread, since it walks every meter.
 */
public final class MetricsRoute {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoute() {}

  /** Serves {@code scrape} at {@code /metrics} among {@code routes}. */
  public static void mount(AdminRoutes routes, Supplier<String> scrape) {
    routes.router().route(HttpMethod.GET, "/metrics").handler(ctx -> ctx.vertx()
        .executeBlocking(scrape::get, false)
        .onSuccess(text -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text))
        .onFailure(ctx::fail));
  }
}
