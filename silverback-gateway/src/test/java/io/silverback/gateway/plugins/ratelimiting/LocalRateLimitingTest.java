package io.silverback.gateway.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The local policy through the handler, with a fake clock. */
class LocalRateLimitingTest {
  private final AtomicLong clock = new AtomicLong(Instant.parse("2024-03-17T13:45:58.250Z").toEpochMilli());
  private final RateLimitingHandler handler = new RateLimitingHandler(clock::get, new RedisHealth());

  private TestExchange send(Config snapshot, JsonNode config, String ip) {
    TestExchange ex = new TestExchange(snapshot).clientIp(ip);
    handler.access(ex, config);
    if (!ex.exited()) {
      ex.response(200, Map.of());
    }
    handler.headerFilter(ex, config);
    return ex;
  }

  @Test
  void refusesTheRequestAfterTheLimitWithKongsBodyAndHeaders() {
    Config snapshot = PluginConfigs.snapshot("{\"_format_version\":\"3.0\",\"plugins\":[{\"name\":\"rate-limiting\","
        + "\"config\":{\"minute\":2,\"policy\":\"local\"}}]}");
    JsonNode config = PluginConfigs.plugin(snapshot).get("config");

    assertThat(send(snapshot, config, "10.0.0.1").responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(send(snapshot, config, "10.0.0.1").responseHeaders().get("RateLimit-Remaining")).isEqualTo("0");
    TestExchange third = send(snapshot, config, "10.0.0.1");

    assertThat(third.exited()).isTrue();
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.exitBody().toString()).isEqualTo("{\"message\":\"API rate limit exceeded\"}");
    assertThat(third.responseHeaders().get("Retry-After")).isEqualTo("2");
    assertThat(third.responseHeaders().get("RateLimit-Reset")).isEqualTo("2");
    assertThat(send(snapshot, config, "10.0.0.2").exited()).as("another client has its own counter").isFalse();
  }

  @Test
  void aNewWindowStartsAFreshCount() {
    JsonNode config = PluginConfigs.config("rate-limiting", "{\"second\":1,\"hide_client_headers\":true}");

    assertThat(send(null, config, "10.0.0.1").exited()).isFalse();
    assertThat(send(null, config, "10.0.0.1").exited()).isTrue();
    clock.addAndGet(1000);

    TestExchange next = send(null, config, "10.0.0.1");
    assertThat(next.exited()).isFalse();
    assertThat(next.responseHeaders().names()).isEmpty();
  }

  @Test
  void refusedRequestsDoNotCount() {
    JsonNode config = PluginConfigs.config("rate-limiting", "{\"second\":1,\"minute\":2}");

    send(null, config, "10.0.0.1");
    send(null, config, "10.0.0.1");
    send(null, config, "10.0.0.1");
    clock.addAndGet(1000);

    assertThat(send(null, config, "10.0.0.1").responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("0");
  }

  @Test
  void customStatusAndMessage() {
    JsonNode config = PluginConfigs.config("rate-limiting",
        "{\"second\":1,\"error_code\":403,\"error_message\":\"slow down\"}");

    send(null, config, "10.0.0.1");
    TestExchange refused = send(null, config, "10.0.0.1");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.exitBody().toString()).contains("slow down");
  }

  @Test
  void limitsByHeaderAndFallsBackToTheClientAddress() {
    JsonNode config = PluginConfigs.config("rate-limiting",
        "{\"second\":5,\"limit_by\":\"header\",\"header_name\":\"x-tenant\"}");

    assertThat(RateLimitingHandler.identifier(new TestExchange(null).header("X-Tenant", "acme"), config))
        .isEqualTo("acme");
    assertThat(RateLimitingHandler.identifier(new TestExchange(null).clientIp("10.9.9.9"), config))
        .isEqualTo("10.9.9.9");
  }

  @Test
  void expiredCountersAreForgotten() {
    LocalPolicy policy = new LocalPolicy();
    long now = clock.get();
    Map<Period, String> keys = Map.of(Period.SECOND, "k");
    policy.increment(null, null, keys, now);

    assertThat(policy.usage(null, null, keys, now).result()).containsEntry(Period.SECOND, 1L);
    assertThat(policy.usage(null, null, keys, now + 1000).result()).containsEntry(Period.SECOND, 0L);
  }
}
