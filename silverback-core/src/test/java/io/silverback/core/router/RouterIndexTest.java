package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index and the cache must not change answers: for random routes and requests drawn from
 * small pools (so that they collide), the router gives what a scan of every compiled route in
 * match order gives, with and without its cache, and again on a repeated request.
 */
class RouterIndexTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] HOSTS = {"a.test", "b.test", "A.test:8000", "*.test", "a.*",
      "*.b.test", "b.test:80"};
  private static final String[] PATHS = {"/", "/a", "/a/b", "/ab", "/b", "~/a/\\d+",
      "~/(?<x>[ab])/c", "~/ab?c", "~/a|/b", "~/a.c"};
  private static final String[] REQUEST_HOSTS = {"a.test", "A.TEST:8000", "x.b.test", "a.org",
      "b.test", "b.test:80", "c.test:81", null};
  private static final String[] REQUEST_PATHS = {"/", "/a", "/a/", "/a/b/c", "/ab", "/abc",
      "/a/12", "/b/c", "/ac", "/a.c", "/b", "/x/../a/b", "/%61b"};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void indexAndCacheGiveWhatAScanInMatchOrderGives(long seed) {
    Random random = new Random(seed);
    Config config = randomConfig(random, 40);
    CompiledRoute[] ordered = RouteCompiler.compile(config);
    Router uncached = Router.compile(config, 0);
    Router cached = Router.compile(config, 8);
    for (int i = 0; i < 400; i++) {
      RequestFacts facts = randomRequest(random);
      String expected = name(scan(ordered, facts));
      assertThat(name(uncached.match(facts))).as("request %s", facts).isEqualTo(expected);
      assertThat(name(cached.match(facts))).as("first %s", facts).isEqualTo(expected);
      assertThat(name(cached.match(facts))).as("repeated %s", facts).isEqualTo(expected);
    }
  }

  private static String scan(CompiledRoute[] ordered, RequestFacts facts) {
    Request req = Request.of(facts);
    for (CompiledRoute r : ordered) {
      if (r.match(req) != null) {
        return r.route().text("name");
      }
    }
    return null;
  }

  private static String name(Object m) {
    if (m instanceof RouteMatch match) {
      return match.route().text("name");
    }
    return (String) m;
  }

  private static Config randomConfig(Random random, int count) {
    Config.Builder b = Config.builder(EntityRegistry.standard());
    for (int i = 0; i < count; i++) {
      ObjectNode r = JSON.objectNode().put("name", "r" + i)
          .put("id", new UUID(random.nextLong(), random.nextLong()).toString())
          .put("regex_priority", random.nextInt(3) - 1);
      r.putArray("protocols").add("http").add("https");
      pick(random, r.putArray("hosts"), HOSTS, 0.5);
      pick(random, r.putArray("paths"), PATHS, 0.7);
      if (random.nextInt(4) == 0) {
        r.putArray("methods").add(random.nextBoolean() ? "GET" : "POST");
      }
      if (random.nextInt(4) == 0) {
        r.putObject("headers").putArray("x-v").add(random.nextBoolean() ? "1" : "~*^2");
      }
      b.put(new Entity("routes", r.get("id").asText(), r));
    }
    return b.build();
  }

  private static void pick(Random random, ArrayNode into, String[] pool, double chance) {
    while (random.nextDouble() < chance && into.size() < 3) {
      String v = pool[random.nextInt(pool.length)];
      boolean seen = false;
      for (var n : into) {
        seen |= n.asText().equals(v);
      }
      if (!seen) {
        into.add(v);
      }
    }
  }

  private static RequestFacts randomRequest(Random random) {
    String header = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "1" : "23";
    Map<String, List<String>> headers = header == null ? Map.of() : Map.of("x-v", List.of(header));
    return new RequestFacts(random.nextBoolean() ? "GET" : "POST", "http",
        REQUEST_HOSTS[random.nextInt(REQUEST_HOSTS.length)], 80,
        REQUEST_PATHS[random.nextInt(REQUEST_PATHS.length)], null,
        name -> headers.getOrDefault(name, List.of()), "127.0.0.1", 1, "127.0.0.1");
  }
}
