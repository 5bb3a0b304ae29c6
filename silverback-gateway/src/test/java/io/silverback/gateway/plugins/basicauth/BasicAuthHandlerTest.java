package io.silverback.gateway.plugins.basicauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BasicAuthHandlerTest {
  private static final String ALICE = "9748f662-7711-4a90-8186-dc02f10eb0f5";
  private static final Config CONFIG = Snapshots.of("""
      consumers:
      - id: %s
        username: alice
        basicauth_credentials:
        - username: alice-user
          password: open sesame
      - username: anon
      services:
      - name: s
        url: http://upstream.test
        routes:
        - name: r
          paths: [/]
          plugins:
          - name: basic-auth
        - name: hidden
          paths: [/hidden]
          plugins:
          - name: basic-auth
            config: {hide_credentials: true, realm: gateway}
        - name: anonymous
          paths: [/anonymous]
          plugins:
          - name: basic-auth
            config: {anonymous: anon}
      """.formatted(ALICE));

  private final BasicAuthHandler handler = new BasicAuthHandler();
  private final TestExchange.Views views = new TestExchange.Views();

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private TestExchange on(String route) {
    return TestExchange.on(CONFIG, views, route, "GET", "/");
  }

  @Test
  void storesThePasswordAsKongsSaltedSha1() throws Exception {
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
        .digest(("open sesame" + ALICE).getBytes(StandardCharsets.UTF_8)));

    assertThat(CONFIG.all("basicauth_credentials").iterator().next().text("password")).isEqualTo(expected);
  }

  @Test
  void rightPasswordAuthenticatesWithTheUsernameAsCredentialIdentifier() {
    TestExchange ex = on("r").header("Authorization", basic("alice-user:open sesame"));

    Snapshots.access(ex, handler);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().id()).isEqualTo(ALICE);
    assertThat(ex.upstreamHeaders().get("X-Credential-Identifier")).isEqualTo("alice-user");
    assertThat(ex.upstreamHeaders().get("Authorization")).isNotNull();
  }

  @Test
  void wrongPasswordIs401WithTheBasicChallenge() {
    TestExchange ex = on("r").header("Authorization", basic("alice-user:wrong"));

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
    assertThat(ex.exitBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(ex.responseHeaders().get("WWW-Authenticate")).isEqualTo("Basic realm=\"service\"");
  }

  @Test
  void missingHeadersAre401() {
    TestExchange ex = on("r");

    Snapshots.access(ex, handler);

    assertThat(ex.status()).isEqualTo(401);
  }

  @Test
  void proxyAuthorizationIsTriedBeforeAuthorization() {
    TestExchange ex = on("r").header("Proxy-Authorization", basic("alice-user:open sesame"))
        .header("Authorization", "Bearer something-else");

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void anUnknownProxyAuthorizationUserFallsBackToAuthorization() {
    TestExchange ex = on("r").header("Proxy-Authorization", basic("nobody:x"))
        .header("Authorization", basic("alice-user:open sesame"));

    Snapshots.access(ex, handler);

    assertThat(ex.consumer().id()).isEqualTo(ALICE);
  }

  @Test
  void aPasswordMayContainColonsAndBeEmptyAfterTheFirst() {
    assertThat(BasicCredentials.parse(basic("u:a:b"))).isEqualTo(new BasicCredentials("u", "a:b"));
    assertThat(BasicCredentials.parse(basic("u:"))).isEqualTo(new BasicCredentials("u", ""));
    assertThat(BasicCredentials.parse(basic(":p"))).isNull();
    assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(new BasicCredentials("u", "p"));
    assertThat(BasicCredentials.parse("Basic !!!")).isNull();
  }

  @Test
  void hideCredentialsRemovesTheHeaderAndTheRealmIsInTheChallenge() {
    TestExchange ok = on("hidden").header("Authorization", basic("alice-user:open sesame"));
    TestExchange bad = on("hidden").header("Authorization", basic("alice-user:nope"));

    Snapshots.access(ok, handler);
    Snapshots.access(bad, handler);

    assertThat(ok.consumer().id()).isEqualTo(ALICE);
    assertThat(ok.upstreamHeaders().contains("Authorization")).isFalse();
    assertThat(bad.responseHeaders().get("WWW-Authenticate")).isEqualTo("Basic realm=\"gateway\"");
  }

  @Test
  void failureWithAnonymousAuthenticatesTheAnonymousConsumer() {
    TestExchange ex = on("anonymous").header("Authorization", basic("alice-user:nope"));

    Snapshots.access(ex, handler);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.consumer().text("username")).isEqualTo("anon");
    assertThat(ex.upstreamHeaders().get("X-Anonymous-Consumer")).isEqualTo("true");
  }
}
