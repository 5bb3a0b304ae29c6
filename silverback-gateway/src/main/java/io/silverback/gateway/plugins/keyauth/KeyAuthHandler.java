package io.silverback.gateway.plugins.keyauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.KeyAuthPlugin;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.Attempt;
import io.silverback.gateway.plugins.auth.AuthFlow;
import io.silverback.gateway.plugins.auth.Consumers;
import io.silverback.gateway.plugins.auth.CredentialIndex;
import io.silverback.gateway.plugins.auth.QueryArgs;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code key-auth}: the first of {@code key_names} found in the headers, then the query,
 * then the body (as each {@code key_in_*} allows) is looked up among the {@code keyauth_credentials}
 * of the snapshot. Messages, statuses and {@code WWW-Authenticate} as kong/plugins/key-auth/handler.lua.
 */
public final class KeyAuthHandler implements GatewayPlugin {
  static final String NO_KEY = "No API key found in request";
  static final String DUPLICATE = "Duplicate API key found";
  static final String INVALID = "Unauthorized";
  /** Kong reads a body into memory up to its buffer size; larger bodies give no key. */
  private static final long MAX_BODY = 8L * 1024 * 1024;
  private static final ConfigView<Map<String, Entity>> BY_KEY = CredentialIndex.by("keyauth_credentials", "key");

  private final Clock clock;

  /** A handler that expires credentials by {@code clock}. */
  public KeyAuthHandler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return KeyAuthPlugin.NAME;
  }

  @Override
  public int priority() {
    return KeyAuthPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange ex, JsonNode config) {
    return AuthFlow.run(ex, config, () -> {
      if (!config.path("key_in_body").asBoolean(false)) {
        return Future.succeededFuture(attempt(ex, config, BodyArgs.EMPTY));
      }
      return ex.requestBody(MAX_BODY)
          .map(body -> BodyArgs.parse(ex.requestHeaders().get("Content-Type"), body))
          .otherwise(BodyArgs.EMPTY)
          .map(body -> attempt(ex, config, body));
    });
  }

  private Attempt attempt(ProxyExchange ex, JsonNode config, BodyArgs body) {
    Object found = findKey(ex, config, body);
    if (found instanceof List) {
      return Attempt.unauthorized(DUPLICATE, challenge(config));
    }
    String key = (String) found;
    if (key == null || key.isEmpty()) {
      return Attempt.unauthorized(NO_KEY, challenge(config));
    }
    Entity credential = ex.view(BY_KEY).get(key);
    if (credential == null || expired(credential)) {
      return Attempt.unauthorized(INVALID, challenge(config));
    }
    Entity consumer = Consumers.byId(ex, credential.foreignId("consumer"));
    if (consumer == null) {
      return Attempt.unauthorized(INVALID, challenge(config));
    }
    return new Attempt.Authenticated(consumer, credential, credential.id());
  }

  /** The {@code WWW-Authenticate} value of a refusal. */
  private static String challenge(JsonNode config) {
    return config.path("realm").isTextual() ? "Key realm=\"" + config.get("realm").textValue() + "\"" : "Key";
  }

  /**
   * The first key of {@code key_names} in the headers, query or body (hidden when so configured), a
   * List when a name has several values, or null.
   */
  private static Object findKey(ProxyExchange ex, JsonNode config, BodyArgs body) {
    QueryArgs query = null;
    for (JsonNode n : config.path("key_names")) {
      String name = n.asText();
      Object v = null;
      if (config.path("key_in_header").asBoolean(true)) {
        // nginx's header table reads an underscore in a name as a dash
        v = KeyLookup.of(ex.requestHeaders().getAll(name.replace('_', '-')));
      }
      if (v == null && config.path("key_in_query").asBoolean(true)) {
        query = query == null ? QueryArgs.parse(ex.requestQuery()) : query;
        v = KeyLookup.of(query.all(name));
      }
      if (v == null && config.path("key_in_body").asBoolean(false)) {
        v = body.value(name);
      }
      if (v instanceof String && config.path("hide_credentials").asBoolean(false)) {
        hide(ex, name, body);
      }
      if (v instanceof String || v instanceof List) {
        return v;
      }
    }
    return null;
  }

  private boolean expired(Entity credential) {
    JsonNode ttl = credential.get("ttl");
    return ttl.isNumber() && ttl.doubleValue() * 1000 <= clock.millis();
  }

  private static void hide(ProxyExchange ex, String name, BodyArgs body) {
    ex.upstreamQuery(QueryArgs.without(ex.upstreamQuery(), name));
    ex.upstreamHeaders().remove(name);
    ex.upstreamHeaders().remove(name.replace('_', '-'));
    if (!body.isEmpty()) {
      ex.upstreamBody(body.without(name));
    }
  }
}
