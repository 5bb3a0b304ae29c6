package io.silverback.gateway.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeyAuthHandlerTest {
  private static final String ALICE = "9748f662-7711-4a90-8186-dc02f10eb0f5";
  private static final String ANON = "1f4b6f8e-2c1e-4f55-9d6a-0d2c4d0a4b11";
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String CONSUMERS = """
      consumers:
      - id: %s
        username: alice
        custom_id: a-1
        keyauth_credentials:
        - id: 0d5e4e3a-1111-4c2b-9e0e-1f2a3b4c5d6e
          key: alice-key
        - key: old-key
          ttl: 1767225599
        - key: fresh-key
          ttl: 1767225601
      - id: %s
        username: anon
      """.formatted(ALICE, ANON);

  private final KeyAuthHandler handler = new KeyAuthHandler(NOW);
  private final TestExchange.Views views = new TestExchange.Views();

  private static Config snapshot(String pluginConfig) {
    return Snapshots.of(CONSUMERS + """
        services:
        - name: s
          url: http://upstream.test
          routes:
          - name: r
            paths: [/]
            plugins:
            - name: key-auth
              config: %s
        """.formatted(pluginConfig));
  }

  private TestExchange exchange(Config config, String method, String uri) {
    return TestExchange.on(config, views, "r", method, uri);
  }

  private TestExchange get(String pluginConfig, String uri) {
    return exchange(snapshot(pluginConfig), "GET", uri);
  }

  @Test
  void keyInTheApikeyHeaderAuthenticatesItsConsumerAndSetsKongsHeaders() {
    TestExchange ex = get("{}", "/").header("apikey", "alice-key");

    Snapshots.access(ex, handler);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().get("X-Consumer-ID")).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().get("X-Consumer-Username")).isEqualTo("alice");
    assertThat(ex.upstreamHeaders().get("X-Consumer-Custom-ID")).isEqualTo("a-1");
    assertThat(ex.upstreamHeaders().get("X-Credential-Identifier")).isEqualTo("0d5e4e3a-1111-4c2b-9e0e-1f2a3b4c5d6e");
    assertThat(ex.upstreamHeaders().get("apikey")).isEqualTo("alice-key");
  }

  @Test
  void keyInTheQueryAuthenticatesAndHideCredentialsRemovesItFromQueryAndHeaders() {
    TestExchange ex = get("{hide_credentials: true}", "/x?a=1&apikey=alice-key&b=2");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamQuery()).isEqualTo("a=1&b=2");
  }

  @Test
  void missingKeyIs401WithKongsMessageAndKeyChallenge() {
    TestExchange ex = get("{}", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"No API key found in request\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("Key");
  }

  @Test
  void unknownKeyIs401UnauthorizedWithTheRealmInTheChallenge() {
    TestExchange ex = get("{realm: gateway}", "/").header("apikey", "nobody");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("Key realm=\"gateway\"");
  }

  @Test
  void emptyKeyIsNoKey() {
    TestExchange ex = get("{}", "/?apikey=");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).contains("No API key found in request");
  }

  @Test
  void twoKeysUnderOneNameAreADuplicate() {
    TestExchange ex = get("{}", "/?apikey=alice-key&apikey=other");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Duplicate API key found\"}");
  }

  @Test
  void headerIsIgnoredWhenKeyInHeaderIsOff() {
    TestExchange ex = get("{key_in_header: false}", "/").header("apikey", "alice-key");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).contains("No API key found in request");
  }

  @Test
  void keyNamesAreTriedInOrder() {
    TestExchange ex = get("{key_names: [token, apikey]}", "/").header("apikey", "nobody").header("token", "alice-key");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void anUnderscoreInAKeyNameMatchesADashInTheHeaderAsNginxReadsHeaders() {
    TestExchange ex = get("{key_names: [api_key], hide_credentials: true}", "/").header("api-key", "alice-key");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().contains("api-key")).isFalse();
  }

  @Test
  void keyInAJsonBodyAuthenticatesAndHideCredentialsRewritesTheBody() {
    TestExchange ex = get("{key_in_body: true, hide_credentials: true}", "/")
        .header("Content-Type", "application/json").body("{\"apikey\":\"alice-key\",\"n\":1}");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamBody().toString()).isEqualTo("{\"n\":1}");
  }

  @Test
  void keyInAFormBodyAuthenticates() {
    TestExchange ex = get("{key_in_body: true}", "/")
        .header("Content-Type", "application/x-www-form-urlencoded").body("n=1&apikey=alice-key");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamBody()).isNull();
  }

  @Test
  void keyInAMultipartBodyAuthenticatesAndHideCredentialsDropsOnlyItsPart() {
    String body = "--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhé\r\n"
        + "--xyz\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nalice-key\r\n--xyz--\r\n";
    TestExchange ex = get("{key_in_body: true, hide_credentials: true}", "/")
        .header("Content-Type", "multipart/form-data; boundary=xyz").body(body);

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamBody().toString())
        .isEqualTo("--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhé\r\n--xyz--\r\n");
  }

  @Test
  void aMultipartBodyWithoutTheKeyIsNoKey() {
    String body = "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--";
    TestExchange ex = get("{key_in_body: true}", "/")
        .header("Content-Type", "multipart/form-data; boundary=\"b\"").body(body);

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).contains("No API key found in request");
  }

  @Test
  void bodyIsNotSearchedUnlessKeyInBody() {
    TestExchange ex = get("{}", "/").header("Content-Type", "application/json").body("{\"apikey\":\"alice-key\"}");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).contains("No API key found in request");
  }

  @Test
  void aKeyWhoseTtlHasPassedIsUnauthorized() {
    TestExchange ex = get("{}", "/").header("apikey", "old-key");

    Snapshots.access(ex, handler);

    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void aKeyWhoseTtlIsAheadAuthenticates() {
    TestExchange ex = get("{}", "/").header("apikey", "fresh-key");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void failedAuthenticationWithAnonymousAuthenticatesTheAnonymousConsumerByUsername() {
    TestExchange ex = get("{anonymous: anon}", "/").header("apikey", "nobody");

    Snapshots.access(ex, handler);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ANON);
    assertThat(ex.credential()).isNull();
    assertThat(ex.upstreamHeaders().get("X-Anonymous-Consumer")).isEqualTo("true");
  }

  @Test
  void anonymousMayBeAConsumerId() {
    TestExchange ex = get("{anonymous: " + ANON + "}", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ANON);
  }

  @Test
  void anAnonymousConsumerThatDoesNotExistIs500() {
    TestExchange ex = get("{anonymous: ghost}", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(500);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"anonymous consumer ghost is configured but doesn't exist\"}");
  }

  @Test
  void preflightPassesUntouchedWhenRunOnPreflightIsOff() {
    TestExchange ex = exchange(snapshot("{run_on_preflight: false}"), "OPTIONS", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer()).isNull();
  }

  @Test
  void preflightIsAuthenticatedByDefault() {
    TestExchange ex = exchange(snapshot("{}"), "OPTIONS", "/");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
  }

  @Test
  void theKeyIndexIsBuiltOncePerSnapshot() {
    Config config = snapshot("{}");

    Snapshots.access(exchange(config, "GET", "/").header("apikey", "alice-key"), handler);
    Snapshots.access(exchange(config, "GET", "/").header("apikey", "nobody"), handler);

    assertThat(views.builds("keyauth_credentials by key")).isEqualTo(1);
  }
}
