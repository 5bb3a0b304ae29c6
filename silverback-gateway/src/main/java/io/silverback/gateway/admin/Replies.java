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

  /** A reply and its body, serialized where it was made. */
  private record Rendered(Reply reply, Buffer body) {}

  /**
   * Runs {@code handler} on a worker thread (store calls block) and writes its reply, with {@code
   * X-Kong-Admin-Latency} when {@code latencyHeader}; a failure goes to the router's failure
   * handler, the error boundary. The body is serialized on the worker too: a page of a thousand
   * entities would otherwise hold the event loop for milliseconds.
   */
  static void dispatch(RoutingContext ctx, AdminHandler handler, boolean latencyHeader) {
    AdminRequest request = AdminRequest.of(ctx);
    long started = System.nanoTime();
    ctx.vertx().executeBlocking(() -> render(handler.handle(request)), false)
        .onSuccess(rendered -> {
          if (latencyHeader) {
            ctx.response().putHeader("X-Kong-Admin-Latency", Long.toString((System.nanoTime() - started) / 1_000_000));
          }
          write(ctx, rendered);
        })
        .onFailure(ctx::fail);
  }

  /** Sends {@code reply}: JSON with Kong's headers, or no body for a null one. */
  static void write(RoutingContext ctx, Reply reply) {
    write(ctx, render(reply));
  }

  private static Rendered render(Reply reply) {
    return new Rendered(reply, reply.body() == null ? null : Buffer.buffer(reply.body().toString()));
  }

  private static void write(RoutingContext ctx, Rendered rendered) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    Reply reply = rendered.reply();
    response.setStatusCode(reply.status()).putHeader("Server", SERVER);
    reply.headers().forEach(response::putHeader);
    Buffer body = rendered.body();
    if (body == null) {
      response.end();
      return;
    }
    response.putHeader("Content-Type", "application/json; charset=utf-8");
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length())).end();
    } else {
      response.end(body);
    }
  }
}
