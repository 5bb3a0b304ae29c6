package io.silverback.gateway.plugins.hmacauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacAuthHandlerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String DATE = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.atZone(ZoneOffset.UTC));
  private static final String ALICE = "9748f662-7711-4a90-8186-dc02f10eb0f5";
  private static final Config CONFIG = Snapshots.of("""
      consumers:
      - id: %s
        username: alice
        hmacauth_credentials:
        - {username: alice-hmac, secret: hmac-secret}
      services:
      - name: s
        url: http://upstream.test
        routes:
        - name: r
          paths: [/]
          plugins:
          - name: hmac-auth
        - name: strict
          paths: [/strict]
          plugins:
          - name: hmac-auth
            config:
              enforce_headers: [date, request-line]
              algorithms: [hmac-sha256]
              validate_request_body: true
              hide_credentials: true
              clock_skew: 10
              realm: api
      """.formatted(ALICE));

  private final HmacAuthHandler handler = new HmacAuthHandler(Clock.fixed(NOW, ZoneOffset.UTC));
  private final TestExchange.Views views = new TestExchange.Views();

  private static String sign(String jdk, String secret, String text) throws Exception {
    Mac mac = Mac.getInstance(jdk);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jdk));
    return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String authorization(String algorithm, String headers, String signature) {
    return "hmac username=\"alice-hmac\", algorithm=\"" + algorithm + "\", headers=\"" + headers
        + "\", signature=\"" + signature + "\"";
  }

  private TestExchange run(TestExchange ex) {
    Snapshots.access(ex, handler);
    return ex;
  }

  @ParameterizedTest
  @CsvSource({"hmac-sha1,HmacSHA1", "hmac-sha256,HmacSHA256", "hmac-sha384,HmacSHA384", "hmac-sha512,HmacSHA512"})
  void aSignatureOverDateAndRequestTargetAuthenticates(String algorithm, String jdk) throws Exception {
    String signature = sign(jdk, "hmac-secret", "date: " + DATE + "\n@request-target: get /a?b=c");
    TestExchange ex = run(TestExchange.on(CONFIG, views, "r", "GET", "/a?b=c").header("Date", DATE)
        .header("Authorization", authorization(algorithm, "date @request-target", signature)));

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().get("X-Credential-Identifier")).isEqualTo("alice-hmac");
    assertThat(ex.upstreamHeaders().get("Authorization")).isNotNull();
  }

  @Test
  void requestLineAndAMissingHeaderSignAsKongSignsThem() throws Exception {
    String signature = sign("HmacSHA256", "hmac-secret", "GET /x HTTP/1.1\nx-missing:\nx-date: " + DATE);
    TestExchange ex = run(TestExchange.on(CONFIG, views, "r", "GET", "/x").header("X-Date", DATE)
        .header("Proxy-Authorization", authorization("hmac-sha256", "request-line x-missing x-date", signature)));

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void aWrongSignatureDoesNotMatch() throws Exception {
    String signature = sign("HmacSHA256", "other-secret", "date: " + DATE);
    TestExchange ex = run(TestExchange.on(CONFIG, views, "r", "GET", "/").header("Date", DATE)
        .header("Authorization", authorization("hmac-sha256", "date", signature)));

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"HMAC signature does not match\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("hmac");
  }

  @Test
  void noAuthorizationIsUnauthorized() {
    TestExchange ex = run(TestExchange.on(CONFIG, views, "r", "GET", "/").header("Date", DATE));

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void aDateOutsideTheClockSkewOrNoDateCannotBeVerified() throws Exception {
    String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(301).atZone(ZoneOffset.UTC));
    String signature = sign("HmacSHA256", "hmac-secret", "date: " + old);
    TestExchange stale = run(TestExchange.on(CONFIG, views, "r", "GET", "/").header("Date", old)
        .header("Authorization", authorization("hmac-sha256", "date", signature)));
    TestExchange none = run(TestExchange.on(CONFIG, views, "r", "GET", "/")
        .header("Authorization", authorization("hmac-sha256", "date", signature)));

    String message = "{\"message\":\"HMAC signature cannot be verified, a valid date or x-date header is required"
        + " for HMAC Authentication\"}";
    assertThat(stale.exitBody()).isEqualTo(message);
    assertThat(none.exitBody()).isEqualTo(message);
  }

  @Test
  void unknownUserMalformedHeaderOrUnlistedAlgorithmCannotBeVerified() throws Exception {
    String signature = sign("HmacSHA1", "hmac-secret", "date: " + DATE);
    TestExchange unknown = run(TestExchange.on(CONFIG, views, "r", "GET", "/").header("Date", DATE)
        .header("Authorization", authorization("hmac-sha1", "date", signature).replace("alice-hmac", "bob")));
    TestExchange malformed = run(TestExchange.on(CONFIG, views, "r", "GET", "/").header("Date", DATE)
        .header("Authorization", "hmac username=alice-hmac"));
    TestExchange sha1OnStrict = run(TestExchange.on(CONFIG, views, "strict", "GET", "/strict").header("Date", DATE)
        .header("Authorization", authorization("hmac-sha1", "date request-line", signature)));

    assertThat(unknown.exitBody()).isEqualTo("{\"message\":\"HMAC signature cannot be verified\"}");
    assertThat(malformed.exitBody()).isEqualTo("{\"message\":\"HMAC signature cannot be verified\"}");
    assertThat(sha1OnStrict.exitBody()).isEqualTo("{\"message\":\"HMAC signature cannot be verified\"}");
    assertThat(sha1OnStrict.responseHeaders().get("WWW-Authenticate")).isEqualTo("hmac realm=\"api\"");
  }

  @Test
  void enforcedHeadersMustBeSigned() throws Exception {
    String signature = sign("HmacSHA256", "hmac-secret", "date: " + DATE);
    TestExchange ex = run(TestExchange.on(CONFIG, views, "strict", "GET", "/strict").header("Date", DATE)
        .header("Authorization", authorization("hmac-sha256", "date", signature)));

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"HMAC signature cannot be verified\"}");
  }

  @Test
  void theBodyMustMatchItsDigestWhenValidated() throws Exception {
    String body = "{\"a\":1}";
    String digest = "SHA-256=" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    String signature = sign("HmacSHA256", "hmac-secret", "date: " + DATE + "\nPOST /strict HTTP/1.1\ndigest: " + digest);
    String auth = authorization("hmac-sha256", "date request-line digest", signature);

    TestExchange good = run(TestExchange.on(CONFIG, views, "strict", "POST", "/strict").header("Date", DATE)
        .header("Digest", digest).header("Authorization", auth).body(body));
    TestExchange tampered = run(TestExchange.on(CONFIG, views, "strict", "POST", "/strict").header("Date", DATE)
        .header("Digest", digest).header("Authorization", auth).body("{\"a\":2}"));

    assertThat(good.exited()).isFalse();
    assertThat(good.upstreamHeaders().contains("Authorization")).isFalse();
    assertThat(tampered.exitBody()).isEqualTo("{\"message\":\"HMAC signature does not match\"}");
  }

  @Test
  void withoutADigestOnlyAnEmptyBodyPassesValidation() throws Exception {
    String signature = sign("HmacSHA256", "hmac-secret", "date: " + DATE + "\nPOST /strict HTTP/1.1");
    String auth = authorization("hmac-sha256", "date request-line", signature);

    TestExchange empty = run(TestExchange.on(CONFIG, views, "strict", "POST", "/strict").header("Date", DATE)
        .header("Authorization", auth));
    TestExchange withBody = run(TestExchange.on(CONFIG, views, "strict", "POST", "/strict").header("Date", DATE)
        .header("Authorization", auth).body("x"));

    assertThat(empty.exited()).isFalse();
    assertThat(withBody.status()).isEqualTo(401);
  }
}
