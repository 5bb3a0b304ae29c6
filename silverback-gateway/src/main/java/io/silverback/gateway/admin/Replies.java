package io.silverback.gateway.admin;

import io.silverback.core.plugin.BundledPlugins;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes {@link Reply}s as Kong's Admin API sends them, and runs handlers off the event loop. */
final class Replies {
  /** Kong's {@code Server} header on Admin API responses. */
  static final String SERVER = "kong/" + BundledPlugins.VERSION;

  private Replies() {}

  /**
   * Runs {@code handler} on a worker thread (store calls block) and writes its reply, with {@code
   * X-Kong-Admin-Latency} when {@code latencyHeader}; a failure goes to the router's failure
   * handler, the error boundary.
   */
  static void dispatch(RoutingContext ctx, AdminHandler handler, boolean latencyHeader) {
    AdminRequest request = AdminRequest.of(ctx);
    long started = System.nanoTime();
    ctx.vertx().executeBlocking(() -> handler.handle(request), false)
        .onSuccess(reply -> {
          if (latencyHeader) {
            ctx.response().putHeader("X-Kong-Admin-Latency", Long.toString((System.nanoTime() - started) / 1_000_000));
          }
          write(ctx, reply);
        })
        .onFailure(ctx::fail);
  }

  /** Sends {@code reply}: JSON with Kong's headers, or no body for a null one. */
  static void write(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(reply.status()).putHeader("Server", SERVER);
    reply.headers().forEach(response::putHeader);
    if (reply.body() == null) {
      response.end();
      return;
    }
    Buffer body = Buffer.buffer(reply.body().toString());
    response.putHeader("Content-Type", "application/json; charset=utf-8");
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length())).end();
    } else {
      response.end(body);
    }
  }
}
