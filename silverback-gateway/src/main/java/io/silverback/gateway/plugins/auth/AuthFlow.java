package io.silverback.gateway.plugins.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The flow every Kong auth plugin wraps around its attempt (key-auth/handler.lua,
 * basic-auth/access.lua, jwt/handler.lua, hmac-auth/access.lua):
 *
 * <ul>
 *   <li>{@code run_on_preflight: false} lets {@code OPTIONS} requests through untouched;
 *   <li>without {@code anonymous} ("logical AND") a failed attempt ends the exchange;
 *   <li>with {@code anonymous} ("logical OR") an exchange another plugin already authenticated is
 *       left alone, and a failed attempt authenticates the anonymous consumer instead (500 when it
 *       does not exist).
 * </ul>
 */
public final class AuthFlow {
  private AuthFlow() {}

  /**
   * Runs {@code attempt} for {@code ex} under the plugin's {@code config}.
   *
   * @return completes when the exchange is authenticated, passed through or ended
   */
  public static Future<Void> run(ProxyExchange ex, JsonNode config, Supplier<Future<Attempt>> attempt) {
    if (!config.path("run_on_preflight").asBoolean(true) && "OPTIONS".equals(ex.requestMethod())) {
      return Future.succeededFuture();
    }
    String anonymous = config.path("anonymous").isTextual() ? config.get("anonymous").textValue() : null;
    if (anonymous != null && ex.credential() != null) {
      return Future.succeededFuture();
    }
    return attempt.get().map(outcome -> {
      if (outcome instanceof Attempt.Authenticated a) {
        ex.authenticate(a.consumer(), a.credential(), a.identifier());
      } else if (anonymous != null) {
        authenticateAnonymous(ex, anonymous);
      } else {
        Replies.reject(ex, (Attempt.Rejected) outcome);
      }
      return null;
    });
  }

  private static void authenticateAnonymous(ProxyExchange ex, String anonymous) {
    Entity consumer = Consumers.byIdOrUsername(ex, anonymous);
    if (consumer == null) {
      Replies.send(ex, 500, Replies.message("anonymous consumer " + anonymous + " is configured but doesn't exist"),
          null);
      return;
    }
    ex.authenticate(consumer, null, null);
  }
}
