package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream router against {@code stream-matrix.yaml}: Kong's stream cases of {@code
 * spec/01-unit/08-router_spec.lua} (sources, destinations, SNIs, priorities) as rows of routes,
 * connection and answer.
 */
class StreamRouterMatrixTest {
  private static final String MATRIX = "/router/stream-matrix.yaml";
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(EntityRegistry.standard());

  record Case(String title, StreamRouter router, StreamConnection connection, String expect) {
    @Override
    public String toString() {
      return title;
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (JsonNode group : RouterMatrix.read(MATRIX).path("groups")) {
      StreamRouter router = StreamRouter.compile(RouterMatrix.config(PARSER, group));
      for (JsonNode c : group.path("connections")) {
        out.add(new Case(group.path("name").asText() + ": " + c.path("it").asText(), router, connection(c),
            c.path("expect").asText()));
      }
    }
    return out;
  }

  private static StreamConnection connection(JsonNode c) {
    return new StreamConnection(c.path("protocol").asText("tcp"), c.path("src").asText("192.0.2.1"),
        c.path("src_port").asInt(40000), c.path("dst").asText("192.0.2.100"), c.path("dst_port").asInt(9999),
        c.hasNonNull("sni") ? c.get("sni").asText() : null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routesEachConnectionAsKongDoes(Case c) {
    StreamMatch m = c.router().match(c.connection());
    if (c.expect().equals("none")) {
      assertThat(m).as("%s: no route should match", c.title()).isNull();
      return;
    }
    assertThat(m).as("%s: a route should match", c.title()).isNotNull();
    assertThat(m.route().text("name")).as(c.title()).isEqualTo(c.expect());
    assertThat(m.service().text("name")).isEqualTo("s");
  }

  @Test
  void namesTheRoutesItDoesNotServe() {
    JsonNode group = RouterMatrix.read(MATRIX).path("groups").get(4);
    StreamRouter router = StreamRouter.compile(RouterMatrix.config(PARSER, group));
    assertThat(router.size()).isZero();
    assertThat(router.unserved()).hasSize(4).contains(
        "route e8fb37f1-102d-461e-9c51-6608a6bb8101 (protocols [\"udp\"])",
        "route e8fb37f1-102d-461e-9c51-6608a6bb8102 (protocols [\"tls_passthrough\"])",
        "route e8fb37f1-102d-461e-9c51-6608a6bb8105 (no service)");
    assertThat(router.unserved()).anySatisfy(u -> assertThat(u)
        .startsWith("route e8fb37f1-102d-461e-9c51-6608a6bb8104 (service ").endsWith(" has protocol 'http')"));
  }

  @Test
  void httpRoutesNeverMatchAConnectionAndStreamRoutesNeverARequest() {
    Config config = RouterMatrix.config(PARSER, RouterMatrix.read(MATRIX).path("groups").get(2));
    StreamRouter streams = StreamRouter.compile(config);
    assertThat(streams.size()).isEqualTo(3);
    assertThat(streams.match(new StreamConnection("tls", "192.0.2.1", 1, "192.0.2.2", 443, "www.example.org"))
        .route().text("name")).isEqualTo("exact");
    Router http = Router.compile(config);
    assertThat(http.size()).isEqualTo(1);
    RequestFacts request = new RequestFacts("GET", "https", "www.example.org", 7000, "/", "www.example.org",
        name -> List.of(), "192.0.2.1", 40000, "192.0.2.2");
    assertThat(http.match(request).route().text("name")).isEqualTo("http");
  }
}
