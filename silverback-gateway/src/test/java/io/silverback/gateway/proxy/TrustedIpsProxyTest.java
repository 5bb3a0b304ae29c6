package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trusted_ips}, {@code real_ip_header} and {@code real_ip_recursive} through a real node:
 * the test client connects from 127.0.0.1, which one node trusts (with 10.0.0.0/8, a made-up
 * chain of proxies) and the other does not.
 */
class TrustedIpsProxyTest {
  private static final String CONFIG = """
      _format_version: '3.0'
      services:
      - name: echo
        url: %s
        routes:
        - name: open
          paths: [/open]
        - name: secure
          paths: [/secure]
          protocols: [https]
        - name: guarded
          paths: [/guarded]
          plugins:
          - name: ip-restriction
            config:
              deny: [203.0.113.9]
      """;

  @TempDir
  static Path trustingDir;
  @TempDir
  static Path plainDir;

  static EchoUpstream echo;
  static ProxyNode trusting;
  static ProxyNode plain;

  @BeforeAll
  static void start() {
    echo = EchoUpstream.start("echo");
    trusting = ProxyNode.start(trustingDir, CONFIG.formatted(echo.url()), Map.of(
        "trusted_ips", "127.0.0.1, 10.0.0.0/8", "real_ip_header", "X-Forwarded-For", "real_ip_recursive", "on"));
    plain = ProxyNode.start(plainDir, CONFIG.formatted(echo.url()));
  }

  @AfterAll
  static void stop() {
    trusting.close();
    plain.close();
    echo.close();
  }

  private static JsonNode upstreamHeaders(ProxyNode node, String path, String... headers) throws IOException {
    var request = node.request(path);
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> r = ProxyNode.send(request.build());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body()).path("headers");
  }

  @Test
  void aTrustedProxyNamesTheClientAndKeepsItsForwardedHeaders() throws IOException {
    JsonNode h = upstreamHeaders(trusting, "/open/x", "X-Forwarded-For", "203.0.113.9, 10.0.0.2",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example", "X-Forwarded-Port", "443",
        "X-Forwarded-Path", "/edge/open/x", "X-Forwarded-Prefix", "/edge");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("203.0.113.9");
    assertThat(h.path("x-forwarded-for").asText()).isEqualTo("203.0.113.9, 10.0.0.2, 127.0.0.1");
    assertThat(h.path("x-forwarded-proto").asText()).isEqualTo("https");
    assertThat(h.path("x-forwarded-host").asText()).isEqualTo("shop.example");
    assertThat(h.path("x-forwarded-port").asText()).isEqualTo("443");
    assertThat(h.path("x-forwarded-path").asText()).isEqualTo("/edge/open/x");
    assertThat(h.path("x-forwarded-prefix").asText()).isEqualTo("/edge");
  }

  @Test
  void aTrustedProxyThatSendsNothingGetsThisHopsValues() throws IOException {
    JsonNode h = upstreamHeaders(trusting, "/open/x");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-proto").asText()).isEqualTo("http");
    assertThat(h.path("x-forwarded-path").asText()).isEqualTo("/open/x");
    assertThat(h.path("x-forwarded-prefix").asText()).isEqualTo("/open");
  }

  @Test
  void anUntrustedClientsForwardedHeadersAreReplacedAndItsForwardedForExtended() throws IOException {
    JsonNode h = upstreamHeaders(plain, "/open/x", "X-Forwarded-For", "203.0.113.9",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example", "X-Real-IP", "203.0.113.9",
        "X-Forwarded-Prefix", "/edge");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-for").asText()).isEqualTo("203.0.113.9, 127.0.0.1");
    assertThat(h.path("x-forwarded-proto").asText()).isEqualTo("http");
    assertThat(h.path("x-forwarded-host").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-prefix").asText()).isEqualTo("/open");
  }

  @Test
  void theRealClientIpIsWhatIpRestrictionJudges() {
    HttpResponse<String> denied = ProxyNode.send(trusting.request("/guarded")
        .header("X-Forwarded-For", "203.0.113.9").build());
    HttpResponse<String> allowed = ProxyNode.send(trusting.request("/guarded")
        .header("X-Forwarded-For", "198.51.100.1").build());
    HttpResponse<String> spoofed = ProxyNode.send(plain.request("/guarded")
        .header("X-Forwarded-For", "203.0.113.9").header("X-Real-IP", "203.0.113.9").build());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(spoofed.statusCode()).isEqualTo(200);
  }

  @Test
  void anHttpsOnlyRouteAcceptsPlainHttpThatATrustedProxySaysWasHttps() {
    HttpResponse<String> forwarded = ProxyNode.send(trusting.request("/secure")
        .header("X-Forwarded-Proto", "https").build());
    HttpResponse<String> spoofed = ProxyNode.send(plain.request("/secure")
        .header("X-Forwarded-Proto", "https").build());
    assertThat(forwarded.statusCode()).isEqualTo(200);
    assertThat(spoofed.statusCode()).isEqualTo(426);
  }
}
