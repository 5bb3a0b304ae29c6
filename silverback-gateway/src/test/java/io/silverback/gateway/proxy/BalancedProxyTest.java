package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The balancer behind the real proxy: weights, passive health, and the health the Admin API shows. */
class BalancedProxyTest {
  @TempDir
  Path dir;

  @Test
  void takesADeadTargetOutAfterOneFailedAttemptAndServesFromTheOther() throws IOException {
    try (ClosedPort closed = ClosedPort.open();
        EchoUpstream live = EchoUpstream.start("live");
        ProxyNode node = ProxyNode.start(dir, """
            _format_version: '3.0'
            upstreams:
            - name: pool
              healthchecks:
                passive:
                  unhealthy:
                    tcp_failures: 1
              targets:
              - target: 127.0.0.1:%d
              - target: 127.0.0.1:%d
            services:
            - name: s
              host: pool
              routes:
              - paths: [/]
            """.formatted(live.port(), closed.port()))) {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = node.get("/x");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).get("upstream").asText()).isEqualTo("live");
      }
      assertThat(live.requests()).isEqualTo(10);
      JsonNode health = Json.MAPPER.readTree(ProxyNode.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.adminPort() + "/upstreams/pool/health")).build()).body());
      for (JsonNode t : health.get("data")) {
        String expected = t.get("target").asText().endsWith(":" + closed.port()) ? "UNHEALTHY" : "HEALTHY";
        assertThat(t.get("health").asText()).as(t.get("target").asText()).isEqualTo(expected);
      }
    }
  }

  @Test
  void hashingOnAMissingCookieSetsItAndKeepsTheClientOnOneTarget() throws IOException {
    try (EchoUpstream a = EchoUpstream.start("a");
        EchoUpstream b = EchoUpstream.start("b");
        ProxyNode node = ProxyNode.start(dir, """
            _format_version: '3.0'
            upstreams:
            - name: pool
              hash_on: cookie
              hash_on_cookie: sticky
              targets:
              - target: 127.0.0.1:%d
              - target: 127.0.0.1:%d
            services:
            - name: s
              host: pool
              routes:
              - paths: [/]
            """.formatted(a.port(), b.port()))) {
      HttpResponse<String> first = node.get("/x");
      String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(setCookie).matches("sticky=[0-9a-f-]{36}; Path=/; Same-Site=Lax; HttpOnly");
      String upstream = Json.MAPPER.readTree(first.body()).get("upstream").asText();
      String cookie = setCookie.substring(0, setCookie.indexOf(';'));
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = ProxyNode.send(node.request("/x").header("Cookie", cookie).build());
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(Json.MAPPER.readTree(r.body()).get("upstream").asText()).isEqualTo(upstream);
      }
    }
  }

  @Test
  void answers503WhenEveryTargetIsUnhealthy() throws IOException {
    try (ClosedPort closed = ClosedPort.open();
        ProxyNode node = ProxyNode.start(dir, """
        _format_version: '3.0'
        upstreams:
        - name: pool
          healthchecks:
            passive:
              unhealthy:
                tcp_failures: 1
          targets:
          - target: 127.0.0.1:%d
        services:
        - name: s
          host: pool
          retries: 0
          routes:
          - paths: [/]
        """.formatted(closed.port()))) {
      assertThat(node.get("/x").statusCode()).isEqualTo(502);
      HttpResponse<String> r = node.get("/x");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("failure to get a peer from the ring-balancer");
    }
  }
}
