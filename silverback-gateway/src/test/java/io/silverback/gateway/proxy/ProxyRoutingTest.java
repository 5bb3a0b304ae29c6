package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing through a DB-less node to real upstreams on loopback: services, paths and the headers sent upstream. */
class ProxyRoutingTest {
  @TempDir
  static Path dir;

  static EchoUpstream alpha;
  static EchoUpstream beta;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    alpha = EchoUpstream.start("alpha");
    beta = EchoUpstream.start("beta");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - name: alpha
          url: %s/base
          routes:
          - name: a
            paths: [/a]
          - name: keep
            paths: [/keep]
            strip_path: false
          - name: preserve
            paths: [/preserve]
            preserve_host: true
          - name: secure
            paths: [/secure]
            protocols: [https]
          - name: moved
            paths: [/moved]
            protocols: [https]
            https_redirect_status_code: 301
        - name: beta
          url: %s
          routes:
          - name: b
            paths: [/b]
        routes:
        - name: orphan
          paths: [/orphan]
        """.formatted(alpha.url(), beta.url()));
  }

  @AfterAll
  static void stop() {
    node.close();
    alpha.close();
    beta.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void routesEachPathToItsService() throws IOException {
    assertThat(json(node.get("/a/x")).path("upstream").asText()).isEqualTo("alpha");
    assertThat(json(node.get("/b/y")).path("upstream").asText()).isEqualTo("beta");
  }

  @Test
  void stripsPathBeforeJoiningServicePathAndKeepsTheRawQuery() throws IOException {
    assertThat(json(node.get("/a/x/y?q=1%202&b")).path("uri").asText()).isEqualTo("/base/x/y?q=1%202&b");
    assertThat(json(node.get("/keep/z")).path("uri").asText()).isEqualTo("/base/keep/z");
  }

  @Test
  void keepsAnEmptyQueryString() throws IOException {
    String raw = RawHttp.exchange(node.proxyPort(), "GET /a/x? HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

    assertThat(Json.MAPPER.readTree(RawHttp.body(raw)).path("uri").asText()).isEqualTo("/base/x?");
  }

  @Test
  void sendsKongsForwardingHeadersUpstream() throws IOException {
    HttpResponse<String> response = ProxyNode.send(node.request("/a/x?y=1")
        .header("X-Forwarded-For", "10.0.0.1").header("Via", "1.1 edge").header("X-Forwarded-Proto", "https")
        .build());
    JsonNode h = json(response).path("headers");

    assertThat(h.path("host").asText()).isEqualTo("127.0.0.1:" + alpha.port());
    assertThat(h.path("x-forwarded-for").asText()).isEqualTo("10.0.0.1, 127.0.0.1");
    assertThat(h.path("x-forwarded-proto").asText()).isEqualTo("http");
    assertThat(h.path("x-forwarded-host").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-port").asText()).isEqualTo(String.valueOf(node.proxyPort()));
    assertThat(h.path("x-forwarded-path").asText()).isEqualTo("/a/x");
    assertThat(h.path("x-forwarded-prefix").asText()).isEqualTo("/a");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("via").asText()).isEqualTo("1.1 edge, 1.1 silverback/3.10.0");
  }

  @Test
  void sendsTheClientsHostWithPreserveHost() throws IOException {
    String raw = RawHttp.exchange(node.proxyPort(),
        "GET /preserve/x HTTP/1.1\r\nHost: Example.COM:8443\r\nConnection: close\r\n\r\n");
    JsonNode h = Json.MAPPER.readTree(RawHttp.body(raw)).path("headers");

    assertThat(h.path("host").asText()).isEqualTo("Example.COM:8443");
    assertThat(h.path("x-forwarded-host").asText()).isEqualTo("example.com");
  }

  @Test
  void dropsHopByHopHeadersAndTheHeadersConnectionNames() throws IOException {
    String raw = RawHttp.exchange(node.proxyPort(), "GET /a/x HTTP/1.1\r\nHost: h\r\n"
        + "Connection: close, X-Secret\r\nX-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
        + "Proxy-Authorization: Basic eA==\r\nTrailer: X-T\r\nUpgrade: h2c\r\nX-Kept: k\r\n\r\n");
    JsonNode h = Json.MAPPER.readTree(RawHttp.body(raw)).path("headers");

    assertThat(h.path("x-kept").asText()).isEqualTo("k");
    assertThat(h.has("x-secret")).isFalse();
    assertThat(h.has("keep-alive")).isFalse();
    assertThat(h.has("te")).isFalse();
    assertThat(h.has("proxy-authorization")).isFalse();
    assertThat(h.has("trailer")).isFalse();
    assertThat(h.has("upgrade")).isFalse();
  }

  @Test
  void answersWithUpstreamStatusAndKongsResponseHeaders() {
    HttpResponse<String> response = node.get("/b/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Via")).hasValue("1.1 silverback/3.10.0");
    assertThat(response.headers().firstValue("X-Kong-Upstream-Latency")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isNotNegative());
    assertThat(response.headers().firstValue("X-Kong-Proxy-Latency")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isNotNegative());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void answersKongs404WhenNoRouteMatches() {
    HttpResponse<String> response = node.get("/nowhere");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"message\":\"no Route matched with those values\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("Server")).hasValue("silverback/3.10.0");
  }

  @Test
  void answers426ToPlainHttpOnAnHttpsOnlyRoute() {
    HttpResponse<String> response = node.get("/secure");

    assertThat(response.statusCode()).isEqualTo(426);
    assertThat(response.body()).isEqualTo("{\"message\":\"Please use HTTPS protocol\"}");
    assertThat(response.headers().firstValue("Upgrade")).hasValue("TLS/1.2, HTTP/1.1");
  }

  @Test
  void redirectsToHttpsWithTheRoutesRedirectStatus() {
    HttpResponse<String> response = node.get("/moved/x?y=1");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).hasValue("https://127.0.0.1/moved/x?y=1");
  }

  @Test
  void answers503ForARouteWithoutService() {
    HttpResponse<String> response = node.get("/orphan");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"message\":\"no Service found with those values\"}");
  }
}
