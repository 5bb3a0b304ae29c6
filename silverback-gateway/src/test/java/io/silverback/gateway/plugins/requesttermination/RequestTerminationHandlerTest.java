package io.silverback.gateway.plugins.requesttermination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import org.junit.jupiter.api.Test;

class RequestTerminationHandlerTest {
  private final RequestTerminationHandler handler = new RequestTerminationHandler("node-1", "host-1");

  private TestExchange run(TestExchange ex, String config) {
    handler.access(ex, PluginConfigs.config("request-termination", config));
    return ex;
  }

  @Test
  void defaultsTo503WithKongsMessage() {
    TestExchange ex = run(new TestExchange(null), "{}");

    assertThat(ex.status()).isEqualTo(503);
    assertThat(ex.exitBody().toString()).isEqualTo("{\"message\":\"Service unavailable\"}");
  }

  @Test
  void sendsARawBodyWithItsContentType() {
    TestExchange ex = run(new TestExchange(null),
        "{\"status_code\":418,\"body\":\"<teapot/>\",\"content_type\":\"application/xml\"}");

    assertThat(ex.status()).isEqualTo(418);
    assertThat(ex.exitBody().toString()).isEqualTo("<teapot/>");
    assertThat(ex.responseHeaders().get("Content-Type")).isEqualTo("application/xml");
  }

  @Test
  void aTriggerTerminatesOnlyRequestsCarryingIt() {
    String config = "{\"status_code\":403,\"message\":\"blocked\",\"trigger\":\"x-stop\"}";

    assertThat(run(new TestExchange(null), config).exited()).isFalse();
    TestExchange byHeader = run(new TestExchange(null).header("X-Stop", "1"), config);
    assertThat(byHeader.status()).isEqualTo(403);
    assertThat(byHeader.exitBody().toString()).contains("blocked");
    TestExchange byQuery = new TestExchange(null);
    byQuery.upstreamQuery("a=1&x-stop");
    assertThat(run(byQuery, config).exited()).isTrue();
  }

  @Test
  void echoDescribesTheRequest() throws Exception {
    TestExchange ex = new TestExchange(null).method("POST").header("Content-Type", "application/json")
        .body("{\"a\":1}");
    ex.upstreamQuery("q=v");

    run(ex, "{\"status_code\":404,\"echo\":true}");

    JsonNode body = Json.MAPPER.readTree(ex.exitBody());
    assertThat(body.path("message").asText()).isEqualTo("Not found");
    assertThat(body.path("kong").path("node_id").asText()).isEqualTo("node-1");
    assertThat(body.path("request").path("method").asText()).isEqualTo("POST");
    assertThat(body.path("request").path("query").path("q").asText()).isEqualTo("v");
    assertThat(body.path("request").path("body").path("a").asInt()).isEqualTo(1);
    assertThat(body.path("request").path("raw_body").asText()).isEqualTo("{\"a\":1}");
  }
}
