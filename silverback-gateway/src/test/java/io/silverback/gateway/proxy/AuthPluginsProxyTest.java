package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.jwt.Jwts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth plugins through a real DB-less node to an upstream on loopback that echoes what it got:
 * credentials from the declarative file, Kong's answers, the consumer headers upstream, and which
 * plugin configuration wins.
 */
class AuthPluginsProxyTest {
  private static final String ALICE = "9748f662-7711-4a90-8186-dc02f10eb0f5";
  private static final KeyPair RSA = Jwts.rsa();

  @TempDir
  static Path dir;

  static EchoUpstream upstream;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    upstream = EchoUpstream.start("echo");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        consumers:
        - id: %s
          username: alice
          custom_id: a-1
          keyauth_credentials: [{key: alice-key}]
          basicauth_credentials: [{username: alice-user, password: open sesame}]
          hmacauth_credentials: [{username: alice-hmac, secret: hmac-secret}]
          acls: [{group: admins}]
          jwt_secrets:
          - {key: alice-hs, secret: jwt-secret}
          - key: alice-rs
            algorithm: RS256
            rsa_public_key: |
              %s
        - username: bob
          keyauth_credentials: [{key: bob-key}]
          acls: [{group: guests}]
        services:
        - name: echo
          url: %s
          plugins:
          - name: key-auth
            config: {key_names: [apikey]}
          routes:
          - name: key
            paths: [/key]
          - name: token
            paths: [/token]
            plugins:
            - name: key-auth
              config: {key_names: [token], hide_credentials: true}
          - name: admins
            paths: [/admins]
            plugins:
            - name: acl
              config: {allow: [admins]}
          - name: basic
            paths: [/basic]
            plugins:
            - name: key-auth
              config: {anonymous: nobody-at-all}
              enabled: false
            - name: basic-auth
              config: {hide_credentials: true}
        - name: open
          url: %s
          routes:
          - name: jwt
            paths: [/jwt]
            plugins:
            - name: jwt
          - name: hmac
            paths: [/hmac]
            plugins:
            - name: hmac-auth
              config: {validate_request_body: true, enforce_headers: [x-date, request-line]}
        """.formatted(ALICE, Jwts.pem(RSA.getPublic(), 6), upstream.url(), upstream.url()));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  private static JsonNode echoed(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("headers");
  }

  private static HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = node.request(path);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return ProxyNode.send(b.build());
  }

  @Test
  void keyAuthPassesAKnownKeyWithTheConsumerHeadersUpstream() throws IOException {
    JsonNode headers = echoed(get("/key", "apikey", "alice-key"));

    assertThat(headers.path("x-consumer-id").asText()).isEqualTo(ALICE);
    assertThat(headers.path("x-consumer-username").asText()).isEqualTo("alice");
    assertThat(headers.path("x-consumer-custom-id").asText()).isEqualTo("a-1");
    assertThat(headers.path("x-credential-identifier").asText()).isNotEmpty();
    assertThat(headers.has("x-anonymous-consumer")).isFalse();
  }

  @Test
  void keyAuthRejectsAMissingOrUnknownKeyWithKongsAnswers() {
    HttpResponse<String> missing = get("/key");
    HttpResponse<String> unknown = get("/key?apikey=nope");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo("{\"message\":\"No API key found in request\"}");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Key");
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void aRouteScopedConfigurationBeatsTheServiceOne() throws IOException {
    HttpResponse<String> globalName = get("/token", "apikey", "alice-key");
    JsonNode routeName = Json.MAPPER.readTree(get("/token?token=alice-key&x=1").body());

    assertThat(globalName.statusCode()).isEqualTo(401);
    assertThat(routeName.path("headers").path("x-consumer-id").asText()).isEqualTo(ALICE);
    assertThat(routeName.path("uri").asText()).isEqualTo("/?x=1");
  }

  @Test
  void aclAllowsItsGroupAndForbidsOthers() throws IOException {
    JsonNode allowed = echoed(get("/admins", "apikey", "alice-key"));
    HttpResponse<String> denied = get("/admins", "apikey", "bob-key");

    assertThat(allowed.path("x-consumer-groups").asText()).isEqualTo("admins");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).isEqualTo("{\"message\":\"You cannot consume this service\"}");
  }

  /** The route's key-auth is disabled, so the service's applies, as Kong leaves disabled plugins out. */
  @Test
  void basicAuthChecksThePasswordAndHidesTheHeader() throws IOException {
    String good = "Basic " + Base64.getEncoder().encodeToString("alice-user:open sesame".getBytes(StandardCharsets.UTF_8));
    String bad = "Basic " + Base64.getEncoder().encodeToString("alice-user:wrong".getBytes(StandardCharsets.UTF_8));

    JsonNode headers = echoed(get("/basic", "Authorization", good, "apikey", "alice-key"));
    HttpResponse<String> refused = get("/basic", "Authorization", bad, "apikey", "alice-key");

    assertThat(headers.path("x-credential-identifier").asText()).isEqualTo("alice-user");
    assertThat(headers.has("authorization")).isFalse();
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service\"");
  }

  @Test
  void jwtAcceptsHs256AndRs256TokensAndRefusesABadSignature() throws IOException {
    String hs = Jwts.hmac("HS256", "{\"iss\":\"alice-hs\"}", "jwt-secret");
    String rs = Jwts.signed("RS256", "SHA256withRSA", "{\"iss\":\"alice-rs\"}", RSA.getPrivate());
    String forged = Jwts.hmac("HS256", "{\"iss\":\"alice-hs\"}", "guess");

    assertThat(echoed(get("/jwt", "Authorization", "Bearer " + hs)).path("x-credential-identifier").asText())
        .isEqualTo("alice-hs");
    assertThat(echoed(get("/jwt?jwt=" + rs)).path("x-consumer-id").asText()).isEqualTo(ALICE);
    HttpResponse<String> refused = get("/jwt", "Authorization", "Bearer " + forged);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"message\":\"Invalid signature\"}");
  }

  @Test
  void hmacAuthAcceptsARealSignatureOverDateRequestLineAndBodyDigest() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    String body = "{\"order\":42}";
    String digest = "SHA-256=" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("hmac-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signed = "x-date: " + date + "\nPOST /hmac?x=1 HTTP/1.1\ndigest: " + digest;
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    String authorization = "hmac username=\"alice-hmac\", algorithm=\"hmac-sha256\", "
        + "headers=\"x-date request-line digest\", signature=\"" + signature + "\"";

    HttpResponse<String> ok = ProxyNode.send(node.request("/hmac?x=1").header("X-Date", date).header("Digest", digest)
        .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    HttpResponse<String> tampered = ProxyNode.send(node.request("/hmac?x=1").header("X-Date", date)
        .header("Digest", digest).header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString("{\"order\":43}")).build());

    JsonNode echoed = Json.MAPPER.readTree(ok.body());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(echoed.path("headers").path("x-credential-identifier").asText()).isEqualTo("alice-hmac");
    assertThat(echoed.path("body_length").asInt()).isEqualTo(body.length());
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).isEqualTo("{\"message\":\"HMAC signature does not match\"}");
  }
}
