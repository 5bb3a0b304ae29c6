package io.silverback.gateway.plugins.correlationid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationIdHandlerTest {
  private final CorrelationIdHandler handler = new CorrelationIdHandler();

  private TestExchange run(TestExchange ex, JsonNode config) {
    handler.access(ex, config);
    ex.response(200, Map.of());
    handler.headerFilter(ex, config);
    return ex;
  }

  @Test
  void uuidCounterIdsShareANodeUuidAndCount() {
    JsonNode config = PluginConfigs.config("correlation-id", "{}");

    String first = run(new TestExchange(null), config).upstreamHeaders().get("Kong-Request-ID");
    String second = run(new TestExchange(null), config).upstreamHeaders().get("Kong-Request-ID");

    assertThat(first).matches("[0-9a-f-]{36}#\\d+");
    assertThat(second.substring(0, 37)).isEqualTo(first.substring(0, 37));
    assertThat(Long.parseLong(second.substring(37))).isEqualTo(Long.parseLong(first.substring(37)) + 1);
  }

  @Test
  void keepsTheClientsIdAndEchoesItDownstream() {
    JsonNode config = PluginConfigs.config("correlation-id",
        "{\"header_name\":\"X-Req\",\"generator\":\"uuid\",\"echo_downstream\":true}");

    TestExchange ex = run(new TestExchange(null).header("x-req", "abc"), config);

    assertThat(ex.upstreamHeaders().get("X-Req")).isEqualTo("abc");
    assertThat(ex.responseHeaders().get("X-Req")).isEqualTo("abc");
    assertThat(ex.ctx()).containsEntry(CorrelationIdHandler.SERIALIZE_KEY, "abc");
  }

  @Test
  void generatesUuidsAndTrackerIds() {
    TestExchange uuid = run(new TestExchange(null),
        PluginConfigs.config("correlation-id", "{\"generator\":\"uuid\"}"));
    TestExchange tracker = run(new TestExchange(null),
        PluginConfigs.config("correlation-id", "{\"generator\":\"tracker\"}"));

    assertThat(uuid.upstreamHeaders().get("Kong-Request-ID")).matches("[0-9a-f-]{36}");
    assertThat(uuid.responseHeaders().contains("Kong-Request-ID")).isFalse();
    assertThat(tracker.upstreamHeaders().get("Kong-Request-ID")).matches("-0-\\d+-\\d+-1-\\d+\\.\\d{3}");
  }
}
