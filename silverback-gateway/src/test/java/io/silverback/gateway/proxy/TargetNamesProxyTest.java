package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets that are names, through a real node and the system resolver: {@code localhost} resolves
 * to 127.0.0.1, a {@code .invalid} name never resolves (RFC 6761).
 */
class TargetNamesProxyTest {
  @TempDir
  static Path dir;

  static EchoUpstream echo;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    echo = EchoUpstream.start("echo");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        upstreams:
        - name: mixed
          targets:
          - target: localhost:%d
          - target: nowhere.invalid:80
        - name: lost
          targets:
          - target: nowhere.invalid:80
        services:
        - name: mixed
          host: mixed
          routes: [{name: mixed, paths: [/mixed]}]
        - name: lost
          host: lost
          routes: [{name: lost, paths: [/lost]}]
        - name: named
          url: http://localhost:%d
          routes: [{name: named, paths: [/named]}]
        - name: unnamed
          url: http://nowhere.invalid:80
          routes: [{name: unnamed, paths: [/unnamed]}]
        """.formatted(echo.port(), echo.port()));
  }

  @AfterAll
  static void stop() {
    node.close();
    echo.close();
  }

  private static JsonNode health(String upstream) throws IOException {
    return Json.MAPPER.readTree(ProxyNode.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.adminPort() + "/upstreams/" + upstream + "/health")).build()).body());
  }

  private static JsonNode target(JsonNode health, String target) {
    for (JsonNode t : health.get("data")) {
      if (t.get("target").asText().equals(target)) {
        return t;
      }
    }
    throw new AssertionError("no target " + target + " in " + health);
  }

  @Test
  void aTargetNameIsResolvedIntoItsAddresses() throws IOException {
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = node.get("/mixed");
      assertThat(r.statusCode()).isEqualTo(200);
    }
    JsonNode local = target(health("mixed"), "localhost:" + echo.port());
    assertThat(local.at("/data/addresses/0/ip").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void aNameThatDoesNotResolveIsReportedDnsError() throws IOException {
    assertThat(target(health("mixed"), "nowhere.invalid:80").get("health").asText()).isEqualTo("DNS_ERROR");
    assertThat(target(health("lost"), "nowhere.invalid:80").get("health").asText()).isEqualTo("DNS_ERROR");
  }

  @Test
  void anUpstreamWhoseOnlyTargetDoesNotResolveAnswersKongs503() {
    HttpResponse<String> r = node.get("/lost");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"message\":\"name resolution failed\"}");
  }

  @Test
  void aServiceNamedByAHostNameIsReachedAtItsAddress() {
    HttpResponse<String> r = node.get("/named");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"upstream\":\"echo\"");
  }

  @Test
  void aServiceWhoseHostDoesNotResolveAnswersKongs503() {
    HttpResponse<String> r = node.get("/unnamed");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"message\":\"name resolution failed\"}");
  }
}
