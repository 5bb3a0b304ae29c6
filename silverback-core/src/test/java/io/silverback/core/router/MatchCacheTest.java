package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's "[cache hit ...]" cases: a cached answer is only reused for the very same request. */
class MatchCacheTest {
  private static final Config CONFIG = DeclarativeConfigParser.of(EntityRegistry.standard())
      .parseString("""
          _format_version: "3.0"
          services:
            - name: s
              host: example.org
              path: /base
              routes:
                - {name: quoted, paths: [/foo], headers: {test1: [Quote]}}
                - {name: host, hosts: [example.com]}
          """).orThrow().config();

  private static RequestFacts request(String host, String path, Map<String, String> headers) {
    return new RequestFacts("GET", "http", host, 80, path, null,
        name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(),
        "127.0.0.1", 1, "127.0.0.1");
  }

  @Test
  void answersARepeatedRequestFromTheCache() {
    Router router = Router.compile(CONFIG);
    RequestFacts facts = request("example.com", "/foo", Map.of());
    assertThat(router.match(facts)).isSameAs(router.match(facts));
  }

  @Test
  void keysHeaderValuesCaseSensitivelyWhileMatchingThemCaseInsensitively() {
    Router router = Router.compile(CONFIG);
    RouteMatch upper = router.match(request(null, "/foo", Map.of("test1", "QUOTE")));
    RouteMatch mixed = router.match(request(null, "/foo", Map.of("test1", "QuoTe")));
    assertThat(upper.route().text("name")).isEqualTo("quoted");
    assertThat(mixed.route().text("name")).isEqualTo("quoted");
    assertThat(mixed).isNotSameAs(upper);
  }

  @Test
  void keepsTheUpstreamPathOfEachRequestOnTheSameRoute() {
    Router router = Router.compile(CONFIG);
    assertThat(router.match(request("example.com", "/foo", Map.of())).upstreamPath())
        .isEqualTo("/base/foo");
    assertThat(router.match(request("example.com", "/bar", Map.of())).upstreamPath())
        .isEqualTo("/base/bar");
  }

  @Test
  void remembersMissesAsMisses() {
    Router router = Router.compile(CONFIG);
    RequestFacts facts = request("other.com", "/bar", Map.of());
    assertThat(router.match(facts)).isNull();
    assertThat(router.match(facts)).isNull();
  }

  @Test
  void startsOverWhenFullInsteadOfGrowing() {
    Router router = Router.compile(CONFIG, 2);
    RequestFacts first = request("example.com", "/1", Map.of());
    RouteMatch before = router.match(first);
    router.match(request("example.com", "/2", Map.of()));
    router.match(request("example.com", "/3", Map.of()));
    assertThat(router.match(first)).isNotSameAs(before).isEqualTo(before);
  }

  @Test
  void matchesWithoutCacheWhenItsSizeIsZero() {
    Router router = Router.compile(CONFIG, 0);
    RequestFacts facts = request("example.com", "/foo", Map.of());
    assertThat(router.match(facts)).isNotSameAs(router.match(facts)).isEqualTo(router.match(facts));
  }
}
