package io.silverback.gateway.plugins.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.router.RouteMatch;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusHandlerTest {
  private static final Config SNAPSHOT = PluginConfigs.snapshot("""
      _format_version: '3.0'
      services:
      - name: svc
        url: http://up.test
        routes:
        - name: r1
          paths: [/api]
      consumers:
      - username: ann
      """);

  private final PrometheusHandler handler = new PrometheusHandler(new KongMetrics());

  private TestExchange exchange(int status) {
    TestExchange ex = new TestExchange(SNAPSHOT)
        .match(new RouteMatch(SNAPSHOT.all("routes").iterator().next(), SNAPSHOT.all("services").iterator().next(),
            "/api", "/api", "/", List.of(), Map.of(), true))
        .response(status, Map.of())
        .timings(System.nanoTime() - 30_000_000L, 20, 100, 250);
    ex.authenticate(SNAPSHOT.all("consumers").iterator().next(), null);
    return ex;
  }

  @Test
  void countsRequestsWithKongsNamesAndLabels() {
    var config = PluginConfigs.config("prometheus", "{\"status_code_metrics\":true,\"per_consumer\":true,"
        + "\"latency_metrics\":true,\"bandwidth_metrics\":true}");

    handler.log(exchange(200), config);
    handler.log(exchange(200), config);
    handler.log(exchange(503), config);
    String text = handler.metrics().scrape();

    assertThat(text).contains("kong_http_requests_total{code=\"200\",consumer=\"ann\",route=\"r1\",service=\"svc\","
        + "source=\"service\",workspace=\"default\"} 2.0");
    assertThat(text).contains("code=\"503\"");
    assertThat(text).contains("kong_bandwidth_bytes{consumer=\"ann\",direction=\"egress\",route=\"r1\","
        + "service=\"svc\",workspace=\"default\"} 750.0");
    assertThat(text).contains("kong_upstream_latency_ms_bucket{route=\"r1\",service=\"svc\",workspace=\"default\","
        + "le=\"25.0\"} 3");
    assertThat(text).contains("kong_request_latency_ms_count{route=\"r1\",service=\"svc\",workspace=\"default\"} 3");
    assertThat(text).contains("kong_kong_latency_ms_bucket");
  }

  @Test
  void recordsOnlyWhatTheFlagsEnable() {
    handler.log(exchange(200), PluginConfigs.config("prometheus", "{\"status_code_metrics\":true}"));

    String text = handler.metrics().scrape();
    assertThat(text).contains("kong_http_requests_total{code=\"200\",consumer=\"\"");
    assertThat(text).doesNotContain("kong_request_latency_ms").doesNotContain("kong_bandwidth_bytes");
  }
}
