package io.silverback.gateway.admin;

import io.silverback.store.KongError;
import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.StoreException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The Admin API's one error boundary (Kong's {@code api_helpers.handle_error}, {@code handle_404}
 * and {@code endpoints.handle_error}): store errors get Kong's body and status, refusals their
 * reply, failures without an exception Kong's short bodies, anything else a logged 500.
 */
final class ErrorBoundary implements Handler<RoutingContext> {
  private static final Logger LOG = System.getLogger(ErrorBoundary.class.getName());

  @Override
  public void handle(RoutingContext ctx) {
    Replies.write(ctx, reply(ctx.failure(), ctx.statusCode(), ctx.request().method() + " " + ctx.request().path()));
  }

  static Reply reply(Throwable failure, int status, String request) {
    if (failure instanceof AdminException e) {
      return e.reply();
    }
    if (failure instanceof StoreException e) {
      return storeError(e, request);
    }
    if (failure == null || status != 500 && status != -1) {
      return byStatus(status);
    }
    LOG.log(Level.ERROR, "Admin API request " + request + " failed", failure);
    return Reply.message(500, "An unexpected error occurred");
  }

  /**
   * As {@code endpoints.handle_error}: a 500 never shows the DAO's message (it may name database
   * internals), and only {@code OPERATION_UNSUPPORTED} and mapped codes keep Kong's error body. A
   * database that cannot be reached is a 503 (Kong answers 500), so clients and load balancers
   * can tell "try again" from "bug".
   */
  private static Reply storeError(StoreException e, String request) {
    if (e instanceof DatabaseUnavailableException) {
      LOG.log(Level.ERROR, "Admin API request " + request + " failed: " + e.getMessage());
      return Reply.message(503, "The database is unavailable; see the node's log");
    }
    Reply reply = Reply.of(e);
    if (reply.status() == 500 || e.error() == KongError.DATABASE_ERROR) {
      LOG.log(Level.ERROR, "Admin API request " + request + " failed: " + e.error().kongName(), e);
      return Reply.message(500, "An unexpected error occurred");
    }
    return reply;
  }

  /** Kong's bodies for failures the router itself detects ({@code kong/tools/http.lua} defaults). */
  static Reply byStatus(int status) {
    return switch (status) {
      case 400 -> Reply.message(400, "Bad request");
      case 401 -> Reply.message(401, "Unauthorized");
      case 404 -> Reply.message(404, "Not found");
      case 405 -> Reply.message(405, "Method not allowed");
      case 413 -> Reply.message(413, "Payload too large");
      case 414 -> Reply.message(414, "URI too long");
      case 415 -> new Reply(415, null);
      default -> Reply.message(500, "An unexpected error occurred");
    };
  }
}
