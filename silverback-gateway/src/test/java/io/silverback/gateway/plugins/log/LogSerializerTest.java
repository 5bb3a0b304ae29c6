package io.silverback.gateway.plugins.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.RouteMatch;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSerializerTest {
  private static final Config SNAPSHOT = PluginConfigs.snapshot("""
      _format_version: '3.0'
      services:
      - name: svc
        url: http://up.test:8080/base
        routes:
        - name: r1
          paths: [/api]
      consumers:
      - username: ann
        keyauth_credentials:
        - key: secret
      """);

  private static Entity one(String type) {
    return SNAPSHOT.all(type).iterator().next();
  }

  private TestExchange proxied() {
    TestExchange ex = new TestExchange(SNAPSHOT)
        .match(new RouteMatch(one("routes"), one("services"), "/api/x", "/api", "/base/x", List.of(), Map.of(), true))
        .clientIp("10.0.0.9").method("GET").header("Authorization", "Basic abc").header("X-Multi", "1")
        .header("X-Multi", "2").response(201, Map.of("Content-Type", "application/json"))
        .timings(1_000_000_000L, 40, 321, 654);
    ex.upstreamPath("/base/x");
    ex.upstreamQuery("a=1&b");
    ex.authenticate(one("consumers"), one("keyauth_credentials"));
    ex.ctx().put("log.correlation_id", "cid-1");
    return ex;
  }

  @Test
  void hasKongsShapeForAProxiedRequest() {
    JsonNode log = LogSerializer.serialize(proxied(), 1_100_000_000L, 1_700_000_000_100L);

    assertThat(log.path("request").path("uri").asText()).isEqualTo("/base/x?a=1&b");
    assertThat(log.path("request").path("querystring").path("a").asText()).isEqualTo("1");
    assertThat(log.path("request").path("querystring").path("b").asBoolean()).isTrue();
    assertThat(log.path("request").path("method").asText()).isEqualTo("GET");
    assertThat(log.path("request").path("headers").path("authorization").asText()).isEqualTo("REDACTED");
    assertThat(log.path("request").path("headers").path("x-multi")).hasSize(2);
    assertThat(log.path("request").path("size").asLong()).isEqualTo(321);
    assertThat(log.path("request").path("id").asText()).hasSize(32);
    assertThat(log.path("upstream_uri").asText()).isEqualTo("/base/x?a=1&b");
    assertThat(log.path("upstream_status").asText()).isEqualTo("201");
    assertThat(log.path("response").path("status").asInt()).isEqualTo(201);
    assertThat(log.path("response").path("headers").path("content-type").asText()).isEqualTo("application/json");
    assertThat(log.path("response").path("size").asLong()).isEqualTo(654);
    assertThat(log.path("latencies").path("request").asLong()).isEqualTo(100);
    assertThat(log.path("latencies").path("proxy").asLong()).isEqualTo(40);
    assertThat(log.path("latencies").path("kong").asLong()).isEqualTo(60);
    assertThat(log.path("started_at").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(log.path("client_ip").asText()).isEqualTo("10.0.0.9");
    assertThat(log.path("route").path("name").asText()).isEqualTo("r1");
    assertThat(log.path("service").path("name").asText()).isEqualTo("svc");
    assertThat(log.path("consumer").path("username").asText()).isEqualTo("ann");
    assertThat(log.path("authenticated_entity").path("id").asText()).isEqualTo(one("keyauth_credentials").id());
    assertThat(log.path("authenticated_entity").path("consumer_id").asText()).isEqualTo(one("consumers").id());
    assertThat(log.path("source").asText()).isEqualTo("service");
    assertThat(log.path("correlation_id").asText()).isEqualTo("cid-1");
  }

  @Test
  void anExitHasNoUpstream() {
    TestExchange ex = new TestExchange(null);
    ex.exit(429, "API rate limit exceeded");

    JsonNode log = LogSerializer.serialize(ex, ex.startNanos() + 5_000_000, 1_700_000_000_000L);

    assertThat(log.path("upstream_uri").asText()).isEmpty();
    assertThat(log.path("upstream_status").asText()).isEmpty();
    assertThat(log.path("response").path("status").asInt()).isEqualTo(429);
    assertThat(log.path("latencies").path("proxy").asLong()).isEqualTo(-1);
    assertThat(log.path("source").asText()).isEqualTo("exit");
    assertThat(log.has("consumer")).isFalse();
    assertThat(log.has("authenticated_entity")).isFalse();
  }
}
