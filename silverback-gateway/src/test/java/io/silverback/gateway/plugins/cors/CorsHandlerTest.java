package io.silverback.gateway.plugins.cors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsHandlerTest {
  private final CorsHandler cors = new CorsHandler();

  private static JsonNode config(String json) {
    return PluginConfigs.config("cors", json);
  }

  private static TestExchange preflight(String origin) {
    return new TestExchange(null).method("OPTIONS").header("Origin", origin)
        .header("Access-Control-Request-Method", "POST");
  }

  private TestExchange simple(JsonNode config, String origin) {
    TestExchange ex = new TestExchange(null);
    if (origin != null) {
      ex.header("Origin", origin);
    }
    cors.access(ex, config);
    ex.response(200, Map.of());
    cors.headerFilter(ex, config);
    return ex;
  }

  @Test
  void answersAPreflightWithKongsHeaders() {
    JsonNode config = config("{\"origins\":[\"http://a.test\"],\"credentials\":true,\"max_age\":3600,"
        + "\"headers\":[\"X-One\",\"X-Two\"],\"methods\":[\"GET\",\"POST\"]}");
    TestExchange ex = preflight("http://a.test");

    cors.access(ex, config);

    assertThat(ex.exited()).isTrue();
    assertThat(ex.status()).isEqualTo(200);
    assertThat(ex.exitBody()).as("no body, as kong.response.exit(200)").isNull();
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("http://a.test");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Headers")).isEqualTo("X-One,X-Two");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
    assertThat(ex.responseHeaders().get("Access-Control-Max-Age")).isEqualTo("3600");
    assertThat(ex.responseHeaders().get("Vary")).isEqualTo("Origin");
  }

  @Test
  void preflightDefaultsEchoRequestedHeadersAndAllMethods() {
    TestExchange ex = preflight("http://x.test").header("Access-Control-Request-Headers", "X-Custom");

    cors.access(ex, config("{}"));

    assertThat(ex.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Headers")).isEqualTo("X-Custom");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Methods"))
        .isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT");
  }

  @Test
  void preflightContinueLeavesThePreflightToTheUpstreamWithoutHeaders() {
    JsonNode config = config("{\"preflight_continue\":true}");
    TestExchange ex = preflight("http://x.test");

    cors.access(ex, config);
    ex.response(204, Map.of());
    cors.headerFilter(ex, config);

    assertThat(ex.exited()).isFalse();
    assertThat(ex.responseHeaders().names()).isEmpty();
  }

  @Test
  void privateNetworkIsAllowedOnlyWhenAskedAndConfigured() {
    TestExchange ex = preflight("http://x.test").header("Access-Control-Request-Private-Network", "true");

    cors.access(ex, config("{\"private_network\":true}"));

    assertThat(ex.responseHeaders().get("Access-Control-Allow-Private-Network")).isEqualTo("true");
  }

  @Test
  void regexOriginsMatchTheHostOrTheWholeOriginAnchored() {
    JsonNode config = config("{\"origins\":[\"(.*)\\\\.example\\\\.com\",\"http://b\\\\.test:8080\"]}");

    assertThat(simple(config, "https://api.example.com").responseHeaders().get("Access-Control-Allow-Origin"))
        .isEqualTo("https://api.example.com");
    assertThat(simple(config, "https://api.example.com.evil").responseHeaders().get("Access-Control-Allow-Origin"))
        .isNull();
    assertThat(simple(config, "http://b.test:8080").responseHeaders().get("Access-Control-Allow-Origin"))
        .isEqualTo("http://b.test:8080");
    assertThat(simple(config, "https://api.example.com").responseHeaders().getAll("Vary")).containsExactly("Origin");
  }

  @Test
  void literalOriginsCompareWithoutDefaultPorts() {
    JsonNode config = config("{\"origins\":[\"https://a.test:443\",\"http://c.test\"]}");

    assertThat(simple(config, "https://a.test").responseHeaders().get("Access-Control-Allow-Origin"))
        .isEqualTo("https://a.test");
    assertThat(simple(config, "http://d.test").responseHeaders().get("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void credentialsWithAnyOriginReflectTheRequestOrigin() {
    JsonNode config = config("{\"credentials\":true,\"exposed_headers\":[\"X-Total\"]}");

    TestExchange ex = simple(config, "http://z.test");

    assertThat(ex.responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("http://z.test");
    assertThat(ex.responseHeaders().get("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(ex.responseHeaders().get("Access-Control-Expose-Headers")).isEqualTo("X-Total");
  }

  @Test
  void noOriginHeadersWhenOriginIsAbsentAndNotAllowed() {
    assertThat(simple(config("{\"allow_origin_absent\":false}"), null).responseHeaders().names()).isEmpty();
    assertThat(simple(config("{}"), null).responseHeaders().get("Access-Control-Allow-Origin")).isEqualTo("*");
  }
}
