package io.silverback.gateway.plugins.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.JwtPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.Attempt;
import io.silverback.gateway.plugins.auth.AuthFlow;
import io.silverback.gateway.plugins.auth.Consumers;
import io.silverback.gateway.plugins.auth.Replies;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

/**
 * Kong's {@code jwt}, with the messages of kong/plugins/jwt/handler.lua. The token's raw text is
 * left for later plugins in {@link ProxyExchange#ctx()} under {@link #AUTHENTICATED_JWT_TOKEN}.
 */
public final class JwtHandler implements GatewayPlugin {
  /** Kong's {@code kong.ctx.shared.authenticated_jwt_token}. */
  public static final String AUTHENTICATED_JWT_TOKEN = "authenticated_jwt_token";

  private final Clock clock;

  /** A handler that checks {@code exp} and {@code nbf} against {@code clock}. */
  public JwtHandler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return JwtPlugin.NAME;
  }

  @Override
  public int priority() {
    return JwtPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange ex, JsonNode config) {
    return AuthFlow.run(ex, config, () -> Future.succeededFuture(attempt(ex, config)));
  }

  private Attempt attempt(ProxyExchange ex, JsonNode config) {
    String realm = config.path("realm").isTextual() ? config.get("realm").textValue() : null;
    String base = realm == null ? "Bearer" : "Bearer realm=\"" + realm + "\"";
    String invalid = realm == null ? "Bearer error=\"invalid_token\"" : base + ", error=\"invalid_token\"";
    Set<String> tokens = TokenSources.tokens(ex, config);
    if (tokens.isEmpty()) {
      return Attempt.unauthorized("Unauthorized", base);
    }
    if (tokens.size() > 1) {
      return Attempt.unauthorized("Multiple tokens provided", invalid);
    }
    String token = tokens.iterator().next();
    if (token == null) {
      return Attempt.unauthorized("Unrecognizable token", invalid);
    }
    JwtToken jwt;
    try {
      jwt = JwtToken.decode(token);
    } catch (JwtException e) {
      return Attempt.unauthorized("Bad token; " + e.getMessage(), invalid);
    }
    return verify(ex, config, token, jwt, invalid);
  }

  /** Finds the credential the token names, then checks algorithm, signature and claims. */
  private Attempt verify(ProxyExchange ex, JsonNode config, String token, JwtToken jwt, String invalid) {
    String claimName = config.path("key_claim_name").asText("iss");
    JsonNode keyNode = jwt.claims().hasNonNull(claimName) ? jwt.claims().get(claimName) : jwt.header().get(claimName);
    if (keyNode == null || keyNode.isNull()) {
      return Attempt.unauthorized("No mandatory '" + claimName + "' in claims", invalid);
    }
    String key = keyNode.asText();
    if (key.isEmpty()) {
      return Attempt.unauthorized("Invalid '" + claimName + "' in claims", invalid);
    }
    JwtSecrets.Secret secret = ex.view(JwtSecrets.BY_KEY).get(key);
    if (secret == null) {
      return Attempt.unauthorized("No credentials found for given '" + claimName + "'", invalid);
    }
    String alg = secret.algorithm();
    if (!alg.equals(jwt.algorithm())) {
      return Attempt.unauthorized("Invalid algorithm", invalid);
    }
    Attempt checked = checkSignatureAndClaims(jwt, secret, config, invalid);
    if (checked != null) {
      return checked;
    }
    Entity consumer = Consumers.byId(ex, secret.entity().foreignId("consumer"));
    if (consumer == null) {
      return new Attempt.Rejected(401, Replies.message("Could not find consumer for '" + claimName + "=" + key + "'"), null);
    }
    ex.ctx().put(AUTHENTICATED_JWT_TOKEN, token);
    return new Attempt.Authenticated(consumer, secret.entity(), key);
  }

  /** The rejection for a bad signature or claims, or null when both hold. */
  private Attempt checkSignatureAndClaims(JwtToken jwt, JwtSecrets.Secret secret, JsonNode config, String invalid) {
    String alg = jwt.algorithm();
    byte[] data = jwt.signingInput().getBytes(StandardCharsets.UTF_8);
    boolean valid;
    if (JwtAlgorithms.symmetric(alg)) {
      String text = secret.entity().text("secret");
      byte[] key = text == null ? null : config.path("secret_is_base64").asBoolean(false)
          ? JwtToken.base64url(text) : text.getBytes(StandardCharsets.UTF_8);
      if (key == null) {
        return Attempt.unauthorized("Invalid key/secret", invalid);
      }
      valid = JwtAlgorithms.verifyHmac(alg, data, jwt.signature(), key);
    } else {
      if (secret.publicKey() == null) {
        return Attempt.unauthorized("Invalid key/secret", invalid);
      }
      valid = JwtAlgorithms.verifySignature(alg, data, jwt.signature(), secret.publicKey());
    }
    if (!valid) {
      return Attempt.unauthorized("Invalid signature", invalid);
    }
    long now = clock.millis() / 1000;
    ObjectNode errors = RegisteredClaims.verify(jwt.claims(), config.path("claims_to_verify"), now);
    if (errors.isEmpty()) {
      errors = RegisteredClaims.maximumExpiration(jwt.claims(), config.path("maximum_expiration").asDouble(0), now);
    }
    return errors.isEmpty() ? null : new Attempt.Rejected(401, errors, invalid);
  }
}
