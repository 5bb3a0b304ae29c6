package io.silverback.gateway.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtHandlerTest {
  private static final long NOW = 1_767_225_600L;
  private static final String ALICE = "9748f662-7711-4a90-8186-dc02f10eb0f5";
  private static final KeyPair RSA = Jwts.rsa();
  private static final KeyPair P256 = Jwts.ec("secp256r1");
  private static final KeyPair P384 = Jwts.ec("secp384r1");
  /** RFC 7515 appendix A.1: an HS256 JWS and its key (base64url). */
  private static final String RFC_TOKEN = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
      + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
      + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String RFC_KEY = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
  private static final Config CONFIG = Snapshots.of("""
      consumers:
      - id: %s
        username: alice
        jwt_secrets:
        - {key: hs256, secret: s3cret}
        - {key: hs384, secret: s3cret, algorithm: HS384}
        - {key: hs512, secret: s3cret, algorithm: HS512}
        - key: rs256
          algorithm: RS256
          rsa_public_key: |
            %s
        - key: es256
          algorithm: ES256
          rsa_public_key: |
            %s
        - key: es384
          algorithm: ES384
          rsa_public_key: |
            %s
        - {key: joe, secret: %s}
      - username: anon
      services:
      - name: s
        url: http://upstream.test
        routes:
        - name: r
          paths: [/]
          plugins:
          - name: jwt
            config: {cookie_names: [token]}
        - name: claims
          paths: [/claims]
          plugins:
          - name: jwt
            config: {claims_to_verify: [exp, nbf], maximum_expiration: 3600, realm: api}
        - name: base64
          paths: [/base64]
          plugins:
          - name: jwt
            config: {secret_is_base64: true}
        - name: anonymous
          paths: [/anonymous]
          plugins:
          - name: jwt
            config: {anonymous: anon, key_claim_name: kid}
      """.formatted(ALICE, Jwts.pem(RSA.getPublic(), 6), Jwts.pem(P256.getPublic(), 6),
      Jwts.pem(P384.getPublic(), 6), RFC_KEY));

  private final JwtHandler handler = new JwtHandler(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  private final TestExchange.Views views = new TestExchange.Views();

  private TestExchange bearer(String route, String token) {
    TestExchange ex = TestExchange.on(CONFIG, views, route, "GET", "/").header("Authorization", "Bearer " + token);
    Snapshots.access(ex, handler);
    return ex;
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS256", "HS384", "HS512"})
  void hmacTokensAuthenticateTheirConsumerWithTheKeyAsCredentialIdentifier(String alg) {
    String key = alg.toLowerCase();
    TestExchange ex = bearer("r", Jwts.hmac(alg, "{\"iss\":\"" + key + "\"}", "s3cret"));

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().get("X-Credential-Identifier")).isEqualTo(key);
    assertThat(ex.ctx().get(JwtHandler.AUTHENTICATED_JWT_TOKEN)).isNotNull();
  }

  @Test
  void rs256TokenSignedWithTheMatchingPrivateKeyAuthenticates() {
    TestExchange ex = bearer("r", Jwts.signed("RS256", "SHA256withRSA", "{\"iss\":\"rs256\"}", RSA.getPrivate()));

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void rs256TokenSignedWithAnotherKeyIsAnInvalidSignature() {
    TestExchange ex = bearer("r", Jwts.signed("RS256", "SHA256withRSA", "{\"iss\":\"rs256\"}", Jwts.rsa().getPrivate()));

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Invalid signature\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void ecdsaTokensWithRawSignaturesAuthenticate() {
    String es256 = Jwts.signed("ES256", "SHA256withECDSAinP1363Format", "{\"iss\":\"es256\"}", P256.getPrivate());
    String es384 = Jwts.signed("ES384", "SHA384withECDSAinP1363Format", "{\"iss\":\"es384\"}", P384.getPrivate());
    String derEncoded = Jwts.signed("ES256", "SHA256withECDSA", "{\"iss\":\"es256\"}", P256.getPrivate());

    assertThat(bearer("r", es256).consumer()).isNotNull();
    assertThat(bearer("r", es384).consumer()).isNotNull();
    assertThat(bearer("r", derEncoded).exitBody()).isEqualTo("{\"message\":\"Invalid signature\"}");
  }

  @Test
  void theRfc7515ExampleVerifiesWithItsBase64Key() {
    TestExchange ex = bearer("base64", RFC_TOKEN);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.upstreamHeaders().get("X-Credential-Identifier")).isEqualTo("joe");
  }

  @Test
  void aTokenInTheQueryOrACookieAuthenticates() {
    String token = Jwts.hmac("HS256", "{\"iss\":\"hs256\"}", "s3cret");
    TestExchange query = TestExchange.on(CONFIG, views, "r", "GET", "/?jwt=" + token);
    TestExchange cookie = TestExchange.on(CONFIG, views, "r", "GET", "/").header("Cookie", "a=b; token=" + token);

    Snapshots.access(query, handler);
    Snapshots.access(cookie, handler);

    assertThat(query.consumer()).isNotNull();
    assertThat(cookie.consumer()).isNotNull();
  }

  @Test
  void noTokenIs401WithThePlainBearerChallenge() {
    TestExchange ex = TestExchange.on(CONFIG, views, "r", "GET", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void twoDifferentTokensAreRefused() {
    String a = Jwts.hmac("HS256", "{\"iss\":\"hs256\"}", "s3cret");
    String b = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"x\":1}", "s3cret");
    TestExchange ex = TestExchange.on(CONFIG, views, "r", "GET", "/?jwt=" + a).header("Authorization", "Bearer " + b);

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Multiple tokens provided\"}");
  }

  @Test
  void aQueryArgumentWithoutAValueIsAnUnrecognizableToken() {
    TestExchange ex = TestExchange.on(CONFIG, views, "r", "GET", "/?jwt");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unrecognizable token\"}");
  }

  @Test
  void badTokensGiveKongsReasons() {
    assertThat(bearer("r", "not-a-token").exitBody()).isEqualTo("{\"message\":\"Bad token; invalid JSON\"}");
    assertThat(bearer("r", Jwts.b64("{\"alg\":\"none\"}") + "." + Jwts.b64("{}") + ".")
        .exitBody()).isEqualTo("{\"message\":\"Bad token; invalid alg\"}");
    assertThat(bearer("r", Jwts.b64("{\"alg\":\"HS256\"}") + "." + Jwts.b64("{}") + ".a")
        .exitBody()).isEqualTo("{\"message\":\"Bad token; invalid signature\"}");
  }

  @Test
  void claimAndCredentialProblemsGiveKongsMessages() {
    assertThat(bearer("r", Jwts.hmac("HS256", "{}", "s3cret")).exitBody())
        .isEqualTo("{\"message\":\"No mandatory 'iss' in claims\"}");
    assertThat(bearer("r", Jwts.hmac("HS256", "{\"iss\":\"\"}", "s3cret")).exitBody())
        .isEqualTo("{\"message\":\"Invalid 'iss' in claims\"}");
    assertThat(bearer("r", Jwts.hmac("HS256", "{\"iss\":\"nobody\"}", "s3cret")).exitBody())
        .isEqualTo("{\"message\":\"No credentials found for given 'iss'\"}");
    assertThat(bearer("r", Jwts.hmac("HS384", "{\"iss\":\"hs256\"}", "s3cret")).exitBody())
        .isEqualTo("{\"message\":\"Invalid algorithm\"}");
    assertThat(bearer("r", Jwts.hmac("HS256", "{\"iss\":\"hs256\"}", "wrong")).exitBody())
        .isEqualTo("{\"message\":\"Invalid signature\"}");
  }

  @Test
  void registeredClaimsAreCheckedAgainstTheClockWithKongsErrorBodies() {
    String expired = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"exp\":" + NOW + "}", "s3cret");
    String early = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"exp\":" + (NOW + 60) + ",\"nbf\":" + (NOW + 1) + "}", "s3cret");
    String tooLong = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"exp\":" + (NOW + 3601) + ",\"nbf\":" + NOW + "}", "s3cret");
    String fine = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"exp\":" + (NOW + 3600) + ",\"nbf\":" + NOW + "}", "s3cret");
    String text = Jwts.hmac("HS256", "{\"iss\":\"hs256\",\"exp\":\"soon\",\"nbf\":" + NOW + "}", "s3cret");

    TestExchange e = bearer("claims", expired);
    assertThat(e.exitBody()).isEqualTo("{\"exp\":\"token expired\",\"nbf\":\"must be a number\"}");
    assertThat(e.responseHeaders().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\", error=\"invalid_token\"");
    assertThat(bearer("claims", early).exitBody()).isEqualTo("{\"nbf\":\"token not valid yet\"}");
    assertThat(bearer("claims", tooLong).exitBody()).isEqualTo("{\"exp\":\"exceeds maximum allowed expiration\"}");
    assertThat(bearer("claims", text).exitBody()).isEqualTo("{\"exp\":\"must be a number\"}");
    assertThat(bearer("claims", fine).exited()).isFalse();
  }

  @Test
  void keyClaimNameMayComeFromTheHeaderAndFailuresFallBackToAnonymous() {
    String kidInHeader = Jwts.b64("{\"alg\":\"HS256\",\"kid\":\"hs256\"}") + "." + Jwts.b64("{}");
    String signed = Jwts.hmac("HS256", "{\"kid\":\"hs256\"}", "s3cret");

    TestExchange ok = bearer("anonymous", signed);
    TestExchange bad = bearer("anonymous", kidInHeader + ".AAAA");

    assertThat(ok.consumer().id()).isEqualTo(ALICE);
    assertThat(bad.exited()).isFalse();
    assertThat(bad.consumer().text("username")).isEqualTo("anon");
  }
}
