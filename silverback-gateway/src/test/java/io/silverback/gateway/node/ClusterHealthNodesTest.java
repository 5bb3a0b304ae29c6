package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.Migrations;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code balancer:post_health} between nodes on one PostgreSQL: a target's health set
 * through one node's Admin API reaches the other node's health view and proxy within a second.
 */
class ClusterHealthNodesTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  /** Kong's nodes follow a cluster event within about a second. */
  static final long BOUND_MILLIS = 1000;

  @TempDir
  static Path second;
  @TempDir
  static Path third;

  static HttpServer one;
  static HttpServer two;
  static String targetOne;

  @BeforeAll
  static void start() {
    new Migrations(DB.dataSource(), "public").bootstrap();
    one = upstream("one");
    two = upstream("two");
    targetOne = "127.0.0.1:" + one.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    one.stop(0);
    two.stop(0);
  }

  @Test
  void aTargetSetUnhealthyOnOneNodeLeavesTheOtherNodesTrafficWithinASecondAndComesBackTheSameWay() {
    Node a = Node.start(conf(DB.conf().prefix()));
    Node b = Node.start(conf(second));
    try {
      createShop(a.adminPorts().get(0));
      await(() -> served(b, 20).containsAll(List.of("one", "two")), 5000);

      long setAt = System.nanoTime();
      assertThat(Http.put(a.adminPorts().get(0), "/upstreams/shop/targets/" + targetOne + "/unhealthy").statusCode())
          .isEqualTo(204);
      await(() -> "UNHEALTHY".equals(health(b, targetOne)), 5000);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setAt)).as("B follows A").isLessThan(BOUND_MILLIS);
      assertThat(served(b, 20)).containsOnly("two");
      assertThat(health(a, targetOne)).isEqualTo("UNHEALTHY");

      long generation = b.snapshotGeneration();
      assertThat(Http.post(a.adminPorts().get(0), "/services", "application/json",
          "{\"name\":\"other\",\"url\":\"http://other.test\"}").statusCode()).isEqualTo(201);
      await(() -> b.snapshotGeneration() > generation, 5000);
      assertThat(health(b, targetOne)).as("after B's config reload").isEqualTo("UNHEALTHY");

      setAt = System.nanoTime();
      assertThat(Http.post(b.adminPorts().get(0), "/upstreams/shop/targets/" + targetOne + "/healthy",
          "application/json", "{}").statusCode()).isEqualTo(204);
      await(() -> "HEALTHY".equals(health(a, targetOne)), 5000);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setAt)).as("A follows B").isLessThan(BOUND_MILLIS);
      assertThat(served(a, 20)).contains("one", "two");

      assertThat(Http.put(b.adminPorts().get(0), "/upstreams/shop/targets/" + targetOne + "/" + targetOne
          + "/unhealthy").statusCode()).as("one address of the target").isEqualTo(204);
      await(() -> "UNHEALTHY".equals(health(a, targetOne)), 5000);
    } finally {
      b.stop();
      a.stop();
    }
  }

  @Test
  void aNodeThatStartsLaterDoesNotReplayAnEarlierSet() {
    Node a = Node.start(conf(DB.conf().prefix()));
    try {
      createShop(a.adminPorts().get(0));
      assertThat(Http.put(a.adminPorts().get(0), "/upstreams/shop/targets/" + targetOne + "/unhealthy").statusCode())
          .isEqualTo(204);
      Node c = Node.start(conf(third));
      try {
        assertThat(health(c, targetOne)).isEqualTo("HEALTHY");
        assertThat(health(a, targetOne)).isEqualTo("UNHEALTHY");
      } finally {
        c.stop();
      }
    } finally {
      a.stop();
    }
  }

  @Test
  void unknownUpstreamsAndTargetsAnswerKongs404AndAnUpstreamWithoutChecksKongs400() {
    Node a = Node.start(conf(DB.conf().prefix()));
    try {
      int admin = a.adminPorts().get(0);
      createShop(admin);
      assertThat(Http.post(admin, "/upstreams", "application/json", "{\"name\":\"plain\"}").statusCode()).isEqualTo(201);
      assertThat(Http.post(admin, "/upstreams/plain/targets", "application/json", "{\"target\":\"10.0.0.3:80\"}")
          .statusCode()).isEqualTo(201);
      await(() -> a.balancers().forHost("plain") != null, 5000);

      HttpResponse<String> noUpstream = Http.put(admin, "/upstreams/nowhere/targets/" + targetOne + "/unhealthy");
      HttpResponse<String> noTarget = Http.put(admin, "/upstreams/shop/targets/10.9.9.9:80/unhealthy");
      HttpResponse<String> unchecked = Http.put(admin, "/upstreams/plain/targets/10.0.0.3:80/unhealthy");

      assertThat(noUpstream.statusCode()).isEqualTo(404);
      assertThat(noUpstream.body()).isEqualTo("{\"message\":\"Not found\"}");
      assertThat(noTarget.statusCode()).isEqualTo(404);
      assertThat(noTarget.body()).isEqualTo("{\"message\":\"Not found\"}");
      assertThat(unchecked.statusCode()).isEqualTo(400);
      assertThat(unchecked.body()).isEqualTo("{\"message\":\"no healthchecker found for plain\"}");
    } finally {
      a.stop();
    }
  }

  private static NodeConf conf(Path prefix) {
    return DB.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0", "prefix", prefix.toString()));
  }

  /** Upstream {@code shop} (passive checks) over both loopback upstreams, served on {@code /shop}; made once. */
  private static void createShop(int admin) {
    if (Http.get(admin, "/upstreams/shop").statusCode() == 200) {
      return;
    }
    post(admin, "/upstreams", "{\"name\":\"shop\",\"healthchecks\":{\"passive\":{\"unhealthy\":{\"tcp_failures\":1}}}}");
    post(admin, "/upstreams/shop/targets", "{\"target\":\"" + targetOne + "\"}");
    post(admin, "/upstreams/shop/targets", "{\"target\":\"127.0.0.1:" + two.getAddress().getPort() + "\"}");
    post(admin, "/services", "{\"name\":\"shop\",\"host\":\"shop\"}");
    post(admin, "/services/shop/routes", "{\"paths\":[\"/shop\"]}");
  }

  private static void post(int admin, String path, String json) {
    HttpResponse<String> r = Http.post(admin, path, "application/json", json);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
  }

  /** Which upstream answered each of {@code n} requests to the node's proxy. */
  private static List<String> served(Node node, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = Http.get(node.proxyPorts().get(0), "/shop");
      names.add(r.statusCode() == 200 ? r.body() : "status " + r.statusCode());
    }
    return names;
  }

  private static String health(Node node, String target) {
    HttpResponse<String> r = Http.get(node.adminPorts().get(0), "/upstreams/shop/health");
    if (r.statusCode() != 200) {
      return "status " + r.statusCode();
    }
    try {
      for (JsonNode t : Json.MAPPER.readTree(r.body()).get("data")) {
        if (t.get("target").asText().equals(target)) {
          return t.get("health").asText();
        }
      }
      return "absent";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("within " + millis + " ms").isTrue();
  }

  /** A loopback upstream that answers every request with its name. */
  private static HttpServer upstream(String name) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byte[] body = name.getBytes(StandardCharsets.UTF_8);
      server.createContext("/", exchange -> {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
