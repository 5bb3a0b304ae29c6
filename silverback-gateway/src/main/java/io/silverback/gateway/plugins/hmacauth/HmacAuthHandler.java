package io.silverback.gateway.plugins.hmacauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.HmacAuthPlugin;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.Attempt;
import io.silverback.gateway.plugins.auth.AuthFlow;
import io.silverback.gateway.plugins.auth.Consumers;
import io.silverback.gateway.plugins.auth.CredentialIndex;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kong's {@code hmac-auth}, with the order of checks and the messages of access.lua: the date
 * first, then the header's fields, the credential, the signature, and last the body's digest.
 */
public final class HmacAuthHandler implements GatewayPlugin {
  static final String NOT_VALID = "HMAC signature cannot be verified";
  static final String NOT_SAME = "HMAC signature does not match";
  static final String NO_DATE = NOT_VALID + ", a valid date or x-date header is required for HMAC Authentication";
  /** Kong reads a body into memory up to its buffer size; a larger body fails the digest check. */
  private static final long MAX_BODY = 8L * 1024 * 1024;
  private static final ConfigView<Map<String, Entity>> BY_USERNAME =
      CredentialIndex.by("hmacauth_credentials", "username");

  private final Clock clock;

  /** A handler that measures clock skew against {@code clock}. */
  public HmacAuthHandler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return HmacAuthPlugin.NAME;
  }

  @Override
  public int priority() {
    return HmacAuthPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange ex, JsonNode config) {
    return AuthFlow.run(ex, config, () -> attempt(ex, config));
  }

  private Future<Attempt> attempt(ProxyExchange ex, JsonNode config) {
    String challenge = config.path("realm").isTextual() ? "hmac realm=\"" + config.get("realm").textValue() + "\"" : "hmac";
    String authorization = ex.requestHeaders().get("Authorization");
    String proxyAuthorization = ex.requestHeaders().get("Proxy-Authorization");
    if (authorization == null && proxyAuthorization == null) {
      return Future.succeededFuture(Attempt.unauthorized("Unauthorized", challenge));
    }
    double skew = config.path("clock_skew").asDouble(300);
    if (!withinSkew(ex.requestHeaders().get("X-Date"), skew) && !withinSkew(ex.requestHeaders().get("Date"), skew)) {
      return Future.succeededFuture(Attempt.unauthorized(NO_DATE, challenge));
    }
    HmacParams params = params(ex, config, authorization, proxyAuthorization);
    if (params == null || !valid(params, config)) {
      return Future.succeededFuture(Attempt.unauthorized(NOT_VALID, challenge));
    }
    Entity credential = ex.view(BY_USERNAME).get(params.username());
    if (credential == null) {
      return Future.succeededFuture(Attempt.unauthorized(NOT_VALID, challenge));
    }
    String secret = credential.text("secret");
    String signed = SigningString.of(ex, params.headers());
    if (secret == null || !HmacAlgorithms.matches(params.algorithm(), secret, signed, params.signature())) {
      return Future.succeededFuture(Attempt.unauthorized(NOT_SAME, challenge));
    }
    Entity consumer = Consumers.byId(ex, credential.foreignId("consumer"));
    Attempt ok = consumer == null ? Attempt.unauthorized(NOT_VALID, challenge)
        : new Attempt.Authenticated(consumer, credential, credential.text("username"));
    if (!config.path("validate_request_body").asBoolean(false)) {
      return Future.succeededFuture(ok);
    }
    String digest = ex.requestHeaders().get("Digest");
    return ex.requestBody(MAX_BODY)
        .map(body -> BodyDigest.matches(body, digest) ? ok : Attempt.unauthorized(NOT_SAME, challenge))
        .otherwise(Attempt.unauthorized(NOT_SAME, challenge));
  }

  /**
   * The fields of {@code Proxy-Authorization}, else of {@code Authorization}; with {@code
   * hide_credentials} the header they came from (or {@code Authorization}) is removed upstream.
   */
  private static HmacParams params(ProxyExchange ex, JsonNode config, String authorization,
      String proxyAuthorization) {
    HmacParams params = HmacParams.parse(proxyAuthorization);
    boolean hide = config.path("hide_credentials").asBoolean(false);
    if (params == null) {
      params = HmacParams.parse(authorization);
      if (hide) {
        ex.upstreamHeaders().remove("Authorization");
      }
    } else if (hide) {
      ex.upstreamHeaders().remove("Proxy-Authorization");
    }
    return params;
  }

  /** access.lua's {@code validate_params}: fields present, enforced headers signed, algorithm allowed. */
  private static boolean valid(HmacParams params, JsonNode config) {
    Set<String> missing = new HashSet<>();
    config.path("enforce_headers").forEach(h -> missing.add(h.asText()));
    missing.removeAll(params.headers());
    if (!missing.isEmpty()) {
      return false;
    }
    for (JsonNode a : config.path("algorithms")) {
      if (a.asText().equals(params.algorithm())) {
        return true;
      }
    }
    return false;
  }

  private boolean withinSkew(String date, double allowed) {
    Long at = date == null ? null : HttpDates.epochSecond(date);
    return at != null && Math.abs(clock.millis() / 1000 - at) <= allowed;
  }
}
