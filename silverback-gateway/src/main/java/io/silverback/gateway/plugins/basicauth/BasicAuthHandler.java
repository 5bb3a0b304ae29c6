package io.silverback.gateway.plugins.basicauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.Credentials;
import io.silverback.core.plugin.BasicAuthPlugin;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.Attempt;
import io.silverback.gateway.plugins.auth.AuthFlow;
import io.silverback.gateway.plugins.auth.Consumers;
import io.silverback.gateway.plugins.auth.CredentialIndex;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Kong's {@code basic-auth}. {@code Proxy-Authorization} is tried first, then {@code Authorization};
 * every failure is a 401 {@code Unauthorized} with {@code WWW-Authenticate: Basic realm="<realm>"}.
 */
public final class BasicAuthHandler implements GatewayPlugin {
  private static final ConfigView<Map<String, Entity>> BY_USERNAME =
      CredentialIndex.by("basicauth_credentials", "username");

  @Override
  public String name() {
    return BasicAuthPlugin.NAME;
  }

  @Override
  public int priority() {
    return BasicAuthPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange ex, JsonNode config) {
    return AuthFlow.run(ex, config, () -> Future.succeededFuture(attempt(ex, config)));
  }

  private static Attempt attempt(ProxyExchange ex, JsonNode config) {
    Attempt.Rejected rejected = Attempt.unauthorized("Unauthorized",
        "Basic realm=\"" + config.path("realm").asText("service") + "\"");
    String authorization = ex.requestHeaders().get("Authorization");
    String proxyAuthorization = ex.requestHeaders().get("Proxy-Authorization");
    if (authorization == null && proxyAuthorization == null) {
      return rejected;
    }
    boolean hide = config.path("hide_credentials").asBoolean(false);
    Entity credential = null;
    BasicCredentials given = read(ex, "Proxy-Authorization", proxyAuthorization, hide);
    if (given != null) {
      credential = ex.view(BY_USERNAME).get(given.username());
    }
    if (credential == null) {
      given = read(ex, "Authorization", authorization, hide);
      if (given == null) {
        return rejected;
      }
      credential = ex.view(BY_USERNAME).get(given.username());
    }
    if (credential == null || !matches(credential, given.password())) {
      return rejected;
    }
    Entity consumer = Consumers.byId(ex, credential.foreignId("consumer"));
    return consumer == null ? rejected : new Attempt.Authenticated(consumer, credential, credential.text("username"));
  }

  private static BasicCredentials read(ProxyExchange ex, String header, String value, boolean hide) {
    BasicCredentials given = BasicCredentials.parse(value);
    if (hide) {
      ex.upstreamHeaders().remove(header);
    }
    return given;
  }

  private static boolean matches(Entity credential, String password) {
    String stored = credential.text("password");
    String digest = Credentials.hashPassword(credential.foreignId("consumer"), password);
    return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
        digest.getBytes(StandardCharsets.UTF_8));
  }
}
