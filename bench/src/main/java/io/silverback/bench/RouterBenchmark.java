package io.silverback.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.router.RequestFacts;
import io.silverback.core.router.RouteMatch;
import io.silverback.core.router.Router;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One route match at 10, 1k and 10k routes (bench/router.sh). The routes are a realistic mix: 70%
 * plain host + prefix path over 50 hosts, 10% regex paths over 100 hosts of their own, 10% header + path
 * without host, 10% wildcard host + path, and a root {@code /} catch-all, which is the route of
 * lowest priority. The requests:
 *
 * <ul>
 *   <li>{@code hitPlain}: host + prefix, the common case;
 *   <li>{@code hitRegex}: a regex route among the other regexes of its host;
 *   <li>{@code hitLast}: only the catch-all matches (what a scan of every route would reach last);
 *   <li>{@code miss}: no route matches (router without the catch-all).
 * </ul>
 *
 * <p>JMH reports wall time, which a loaded machine inflates; {@link #main} measures the same
 * matches in thread CPU time instead (see bench/router.sh).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Param({"10", "1000", "10000"})
  public int routes;

  /** The match cache size: 0 measures matching itself, 5000 (Kong's default) a repeated request. */
  @Param({"0", "5000"})
  public int cache;

  private Router router;
  private Router withoutCatchAll;
  private RequestFacts plain;
  private RequestFacts regex;
  private RequestFacts last;
  private RequestFacts missing;

  @Setup
  public void setUp() {
    router = Router.compile(config(routes, true), cache);
    withoutCatchAll = Router.compile(config(routes, false), cache);
    int i = routes - 1 - (routes - 1) % 10;
    plain = request("svc" + i % 50 + ".example.com", "/api/v" + i % 3 + "/res" + i + "/items/42",
        Map.of());
    int r = firstOfKind(routes, 7);
    regex = request("rx" + r / 10 % 100 + ".example.com", "/users/1984/items" + r, Map.of());
    last = request("svc1.example.com", "/nothing/here", Map.of("x-tenant", List.of("none")));
    missing = request("svc1.example.com", "/api/v1/nothing", Map.of());
    check(router.match(plain), "r" + i);
    check(router.match(regex), "r" + r);
    check(router.match(last), "catch-all");
    if (withoutCatchAll.match(missing) != null) {
      throw new IllegalStateException("the miss request matched");
    }
  }

  @Benchmark
  public RouteMatch hitPlain() {
    return router.match(plain);
  }

  @Benchmark
  public RouteMatch hitRegex() {
    return router.match(regex);
  }

  @Benchmark
  public RouteMatch hitLast() {
    return router.match(last);
  }

  @Benchmark
  public RouteMatch miss() {
    return withoutCatchAll.match(missing);
  }

  /**
   * Thread CPU time per match for every benchmark, size and cache setting, one JSON line each:
   * 200k warm-up matches, then the best of 5 rounds of 200k.
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int cacheSize : new int[] {0, 5000}) {
      for (int count : new int[] {10, 1000, 10000}) {
        RouterBenchmark b = new RouterBenchmark();
        b.routes = count;
        b.cache = cacheSize;
        b.setUp();
        Map<String, Supplier<RouteMatch>> cases = Map.of("hitPlain", b::hitPlain,
            "hitRegex", b::hitRegex, "hitLast", b::hitLast, "miss", b::miss);
        cases.forEach((name, run) -> {
          long best = Long.MAX_VALUE;
          for (int round = 0; round < 6; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 200_000; i++) {
              run.get();
            }
            long perOp = (threads.getCurrentThreadCpuTime() - start) / 200_000;
            best = round == 0 ? best : Math.min(best, perOp);
          }
          System.out.printf("{\"benchmark\":\"%s\",\"routes\":%d,\"cache\":%d,"
              + "\"cpu_ns_per_match\":%d}%n", name, count, cacheSize, best);
        });
      }
    }
  }

  private static int firstOfKind(int count, int kind) {
    int i = count - 1;
    while (i % 10 != kind) {
      i--;
    }
    return i;
  }

  private static void check(RouteMatch m, String name) {
    if (m == null || !name.equals(m.route().text("name"))) {
      throw new IllegalStateException("expected route " + name + ", got "
          + (m == null ? "none" : m.route().text("name")));
    }
  }

  private static RequestFacts request(String host, String path, Map<String, List<String>> headers) {
    return new RequestFacts("GET", "http", host, 80, path, null,
        name -> headers.getOrDefault(name, List.of()), "127.0.0.1", 50000, "127.0.0.1");
  }

  /**
   * Route i: kinds by i % 10 (0-6 plain host + prefix, 7 regex, 8 headers, 9 wildcard host), built
   * as entities directly (parsing 10k routes would only slow the setup).
   */
  static Config config(int count, boolean catchAll) {
    Config.Builder b = Config.builder(EntityRegistry.standard());
    ObjectNode service = JSON.objectNode().put("name", "s").put("host", "upstream.test")
        .put("path", "/base").put("enabled", true);
    String serviceId = UUID.nameUUIDFromBytes("service".getBytes()).toString();
    b.put(new Entity("services", serviceId, service));
    for (int i = 0; i < count; i++) {
      ObjectNode r = route("r" + i, serviceId);
      switch (i % 10) {
        case 7 -> {
          r.putArray("hosts").add("rx" + i / 10 % 100 + ".example.com");
          r.putArray("paths").add("~/users/(?<id>\\d+)/items" + i + "$");
        }
        case 8 -> {
          r.putObject("headers").putArray("x-tenant").add("t" + i);
          r.putArray("paths").add("/tenant/" + i);
        }
        case 9 -> {
          r.putArray("hosts").add("*.w" + i + ".example.net");
          r.putArray("paths").add("/w" + i);
        }
        default -> {
          r.putArray("hosts").add("svc" + i % 50 + ".example.com");
          r.putArray("paths").add("/api/v" + i % 3 + "/res" + i);
        }
      }
      b.put(new Entity("routes", r.get("id").asText(), r));
    }
    if (catchAll) {
      ObjectNode r = route("catch-all", serviceId);
      r.putArray("paths").add("/");
      b.put(new Entity("routes", r.get("id").asText(), r));
    }
    return b.build();
  }

  private static ObjectNode route(String name, String serviceId) {
    ObjectNode r = JSON.objectNode().put("name", name)
        .put("id", UUID.nameUUIDFromBytes(name.getBytes()).toString())
        .put("strip_path", true).put("regex_priority", 0).put("path_handling", "v0");
    r.putArray("protocols").add("http").add("https");
    r.putObject("service").put("id", serviceId);
    return r;
  }
}
