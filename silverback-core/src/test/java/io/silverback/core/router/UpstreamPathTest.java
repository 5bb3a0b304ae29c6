package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kong's path-handling table ({@code upstream-paths.csv}) through the whole router: every row for
 * each strip_path and path_handling it names, once with a plain route path and once with the path
 * rewritten as the regex {@code ~/[0]?rest}, as Kong's router spec runs it.
 */
class UpstreamPathTest {
  private static final DeclarativeConfigParser PARSER =
      DeclarativeConfigParser.of(EntityRegistry.standard());

  record Vector(String servicePath, String routePath, boolean strip, String handling,
      String request, String expected) {}

  static Stream<Arguments> vectors() {
    List<Arguments> out = new ArrayList<>();
    for (String[] row : rows()) {
      for (String strip : expand(row[2], "false", "true")) {
        for (String handling : expand(row[3], "v0", "v1")) {
          String routePath = row[1];
          Vector plain = new Vector(row[0], routePath, Boolean.parseBoolean(strip), handling,
              row[4], row[5]);
          out.add(Arguments.of(Named.of("plain " + plain, plain)));
          if (!routePath.isEmpty()) {
            Vector regex = new Vector(row[0], "~/[0]?" + routePath.substring(1),
                plain.strip(), handling, row[4], row[5]);
            out.add(Arguments.of(Named.of("regex " + regex, regex)));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void joinsServicePathAndRequestPathAsKong(Vector v) {
    String route = v.routePath().isEmpty() ? "hosts: [localbin.test]"
        : "paths: ['" + v.routePath() + "']";
    Config config = PARSER.parseString("_format_version: \"3.0\"\n"
        + "services:\n"
        + "  - {name: s, host: example.org, path: '" + v.servicePath() + "', routes: [{name: r, "
        + route + ", strip_path: " + v.strip() + ", path_handling: " + v.handling() + "}]}\n")
        .orThrow().config();
    RouteMatch m = Router.compile(config).match(new RequestFacts("GET", "http", "localbin.test",
        80, v.request(), null, name -> List.of(), "127.0.0.1", 1, "127.0.0.1"));
    assertThat(m).isNotNull();
    assertThat(m.upstreamPath()).isEqualTo(v.expected());
  }

  @Test
  void joinsWithoutRouterForEachVersion() {
    assertThat(UpstreamPath.of("/srv", true, false, "/rou", "/roureq")).isEqualTo("/srv/req");
    assertThat(UpstreamPath.of("/srv", true, true, "/rou", "/roureq")).isEqualTo("/srvreq");
    assertThat(UpstreamPath.of(null, false, false, null, "/a")).isEqualTo("/a");
  }

  @Test
  void escapesWhatKongEscapesAndKeepsReservedTriplets() {
    Map<String, String> cases = Map.of(
        "/a b", "/a%20b",
        "/é", "/%C3%A9",
        "/q\"<>`{|}^\\", "/q%22%3C%3E%60%7B%7C%7D%5E%5C",
        "/keep!$&'()*+,;=:@[]~-_.%2F", "/keep!$&'()*+,;=:@[]~-_.%2F");
    cases.forEach((in, out) -> assertThat(UriEscaper.escape(in)).as(in).isEqualTo(out));
  }

  private static List<String> expand(String value, String first, String second) {
    return value.equals("both") ? List.of(first, second) : List.of(value);
  }

  private static List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        UpstreamPathTest.class.getResourceAsStream("/router/upstream-paths.csv"),
        StandardCharsets.UTF_8))) {
      in.lines()
          .filter(l -> !l.startsWith("#") && !l.startsWith("service_path") && !l.isBlank())
          .forEach(l -> rows.add(l.split(",", -1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
