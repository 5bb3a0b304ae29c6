package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What runs before any route, as Kong's {@code app:before_filter}s ({@code api_helpers.cors_filter},
 * {@code api_helpers.before_filter}), plus the optional admin token.
 */
final class AccessFilters {
  /** The header that carries the admin token (Kong Enterprise's name for it). */
  static final String TOKEN_HEADER = "Kong-Admin-Token";
  private static final Set<HttpMethod> NEEDS_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
  private static final Set<String> ACCEPTS_YAML = Set.of("/config");

  private AccessFilters() {}

  /**
   * Echoes the {@code Origin} (or {@code *}) with credentials allowed, and on a preflight the
   * requested headers; the per-path {@code OPTIONS} route answers the methods.
   */
  static void cors(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader("Origin");
    ctx.response().putHeader("Access-Control-Allow-Origin", origin == null ? "*" : origin)
        .putHeader("Access-Control-Allow-Credentials", "true");
    String requested = request.getHeader("Access-Control-Request-Headers");
    if (request.method() == HttpMethod.OPTIONS && requested != null) {
      ctx.response().putHeader("Access-Control-Allow-Headers", requested);
    }
    ctx.next();
  }

  /**
   * Refuses a request without the admin token with 401 {@code Unauthorized}. Preflights pass:
   * browsers send them without custom headers. The comparison takes the same time wherever the
   * tokens differ.
   */
  static io.vertx.core.Handler<RoutingContext> token(Optional<String> token) {
    byte[] expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    return ctx -> {
      if (expected == null || ctx.request().method() == HttpMethod.OPTIONS) {
        ctx.next();
        return;
      }
      String given = ctx.request().getHeader(TOKEN_HEADER);
      if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        ctx.next();
      } else {
        Replies.write(ctx, Reply.message(401, "Unauthorized"));
      }
    };
  }

  /**
   * Kong's {@code before_filter}: a body must be JSON, form-encoded or multipart (YAML too for
   * {@code /config}); a body without a content type, or another type, is 415.
   */
  static void contentType(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!NEEDS_BODY.contains(request.method())) {
      ctx.next();
      return;
    }
    if (request.headers().getAll("Content-Type").size() > 1) {
      Replies.write(ctx, Reply.message(400, "Multiple Content-Type headers not allowed"));
      return;
    }
    String type = request.getHeader("Content-Type");
    if (type == null ? hasNoBody(request) : accepted(type.toLowerCase(Locale.ROOT), request.path())) {
      ctx.next();
    } else {
      Replies.write(ctx, ErrorBoundary.byStatus(415));
    }
  }

  private static boolean hasNoBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return length == null ? request.getHeader("Transfer-Encoding") == null : length.strip().equals("0");
  }

  private static boolean accepted(String type, String path) {
    return type.startsWith("application/json") || type.startsWith("multipart/form-data")
        || type.startsWith("application/x-www-form-urlencoded")
        || ACCEPTS_YAML.contains(path) && (type.startsWith("application/yaml") || type.startsWith("application/x-yaml")
            || type.startsWith("text/yaml"));
  }
}
