package io.silverback.gateway.plugins.responsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTransformerHandlerTest {
  private final ResponseTransformerHandler handler = new ResponseTransformerHandler();

  private static JsonNode config(String json) {
    return PluginConfigs.config("response-transformer", json);
  }

  @Test
  void changesHeadersInKongsOrder() {
    JsonNode config = config("{\"remove\":{\"headers\":[\"x-drop\"]},\"rename\":{\"headers\":[\"x-old:x-new\"]},"
        + "\"replace\":{\"headers\":[\"x-keep:replaced\",\"x-absent:no\"]},\"add\":{\"headers\":[\"x-keep:no\","
        + "\"x-added:yes\"]},\"append\":{\"headers\":[\"x-keep:more\"]}}");
    TestExchange ex = new TestExchange(null)
        .response(200, Map.of("X-Drop", "1", "X-Old", "o", "X-Keep", "k"));

    handler.headerFilter(ex, config);

    assertThat(ex.responseHeaders().contains("x-drop")).isFalse();
    assertThat(ex.responseHeaders().contains("x-old")).isFalse();
    assertThat(ex.responseHeaders().get("x-new")).isEqualTo("o");
    assertThat(ex.responseHeaders().getAll("x-keep")).containsExactly("replaced", "more");
    assertThat(ex.responseHeaders().contains("x-absent")).isFalse();
    assertThat(ex.responseHeaders().get("x-added")).isEqualTo("yes");
    assertThat(handler.buffersResponse(config)).isFalse();
  }

  @Test
  void transformsAJsonBodyWithTypes() throws Exception {
    JsonNode config = config("{\"remove\":{\"json\":[\"secret\"]},\"rename\":{\"json\":[\"old:new\"]},"
        + "\"replace\":{\"json\":[\"count:7\"],\"json_types\":[\"number\"]},"
        + "\"add\":{\"json\":[\"flag:true\",\"count:99\"],\"json_types\":[\"boolean\",\"number\"]},"
        + "\"append\":{\"json\":[\"tags:b\",\"fresh:x\"]}}");
    TestExchange ex = new TestExchange(null)
        .response(200, Map.of("Content-Type", "application/json; charset=utf-8", "Content-Length", "80"));

    handler.headerFilter(ex, config);
    Buffer out = handler.bodyFilter(ex, config,
        Buffer.buffer("{\"secret\":1,\"old\":\"v\",\"count\":1,\"tags\":\"a\",\"keep\":null}"));

    assertThat(handler.buffersResponse(config)).isTrue();
    assertThat(ex.responseHeaders().contains("Content-Length")).isFalse();
    assertThat(Json.MAPPER.readTree(out.getBytes())).isEqualTo(Json.MAPPER.readTree(
        "{\"new\":\"v\",\"count\":7,\"tags\":[\"a\",\"b\"],\"keep\":null,\"flag\":true,\"fresh\":[\"x\"]}"));
  }

  @Test
  void leavesOtherBodiesAlone() {
    JsonNode config = config("{\"add\":{\"json\":[\"a:b\"]}}");
    TestExchange text = new TestExchange(null).response(200, Map.of("Content-Type", "text/plain"));
    TestExchange broken = new TestExchange(null)
        .response(200, Map.of("Content-Type", "application/vnd.api+json"));

    assertThat(handler.bodyFilter(text, config, Buffer.buffer("{}")).toString()).isEqualTo("{}");
    assertThat(handler.bodyFilter(broken, config, Buffer.buffer("{nope")).toString()).isEqualTo("{nope");
    assertThat(handler.bodyFilter(broken, config, Buffer.buffer("{}")).toString()).isEqualTo("{\"a\":\"b\"}");
  }
}
