package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router against {@code router-matrix.yaml}: Kong's {@code spec/01-unit/08-router_spec.lua}
 * cases (select, prefixes, regexes, wildcard hosts, headers, SNIs, edge cases, splitting,
 * regex_priority, normalization, captures, protocols) as rows of routes, request and answer.
 */
class RouterMatrixTest {
  static List<RouterMatrix.Case> cases() {
    return RouterMatrix.load("/router/router-matrix.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routesEachRequestAsKongDoes(RouterMatrix.Case c) {
    RouteMatch m = c.router().match(c.request());
    JsonNode want = c.expected();
    String expect = want.path("expect").asText();
    if (expect.equals("none")) {
      assertThat(m).as("%s: no route should match", c.title()).isNull();
      return;
    }
    assertThat(m).as("%s: a route should match", c.title()).isNotNull();
    assertThat(m.route().text("name")).as(c.title()).isEqualTo(expect);
    assertThat(m.protocolAllowed()).as("protocolAllowed")
        .isEqualTo(want.path("protocol_allowed").asBoolean(true));
    if (want.has("prefix")) {
      String prefix = want.get("prefix").isNull() ? null : want.get("prefix").asText();
      assertThat(m.matchedPrefix()).as("matchedPrefix").isEqualTo(prefix);
    }
    if (want.has("normalized")) {
      assertThat(m.normalizedPath()).isEqualTo(want.get("normalized").asText());
    }
    if (want.has("upstream")) {
      assertThat(m.upstreamPath()).isEqualTo(want.get("upstream").asText());
    }
    if (want.has("captures")) {
      List<String> captures = new ArrayList<>();
      want.get("captures").forEach(v -> captures.add(v.isNull() ? null : v.asText()));
      assertThat(m.captures()).containsExactlyElementsOf(captures);
    }
    if (want.has("named")) {
      Map<String, String> named = new LinkedHashMap<>();
      want.get("named").properties().forEach(e -> named.put(e.getKey(), e.getValue().asText()));
      assertThat(m.namedCaptures()).containsExactlyInAnyOrderEntriesOf(named);
    }
  }
}
