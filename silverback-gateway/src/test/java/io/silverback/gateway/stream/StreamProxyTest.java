package io.silverback.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.gateway.balancer.Health;
import io.silverback.gateway.proxy.ClosedPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DB-less node proxying tcp routes on {@code stream_listen}, to echo upstreams on loopback ports. */
class StreamProxyTest {
  @TempDir
  Path dir;

  private final TaggedEcho a = TaggedEcho.start("a");
  private final TaggedEcho b = TaggedEcho.start("b");
  private final TaggedEcho c = TaggedEcho.start("c");

  @AfterEach
  void stopEchoes() throws Exception {
    a.close();
    b.close();
    c.close();
  }

  private static String service(String name, int port, String routes) {
    return "  - name: " + name + "\n    protocol: tcp\n    host: 127.0.0.1\n    port: " + port
        + "\n    routes:\n" + routes;
  }

  private String byEnds() {
    return "_format_version: \"3.0\"\nservices:\n"
        + service("to-a", a.port(), "      - {name: dst-1, protocols: [tcp], destinations: [{ip: 127.0.0.1}]}\n")
        + service("to-b", b.port(), "      - {name: dst-2, protocols: [tcp], destinations: [{ip: 127.0.0.2}]}\n")
        + service("to-c", c.port(), "      - {name: src-3, protocols: [tcp], sources: [{ip: 127.0.0.3}],"
            + " destinations: [{ip: 127.0.0.1}]}\n");
  }

  @Test
  void bytesRoundTripThroughTcpRoutesChosenBySourcesAndDestinations() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0, 127.0.0.2:0", byEnds(), Map.of());
        LineClient toA = LineClient.connect("127.0.0.1", node.streamPort(0), null);
        LineClient toB = LineClient.connect("127.0.0.2", node.streamPort(1), null);
        LineClient toC = LineClient.connect("127.0.0.1", node.streamPort(0), "127.0.0.3")) {
      assertThat(toA.exchange("hello")).isEqualTo("a:hello");
      assertThat(toA.exchange("again")).isEqualTo("a:again");
      assertThat(toB.exchange("hello")).isEqualTo("b:hello");
      assertThat(toC.exchange("hello")).isEqualTo("c:hello");
      assertThat(node.node().streamPorts()).hasSize(2);
    }
  }

  @Test
  void aConnectionNoRouteMatchesIsClosed() throws Exception {
    String config = "_format_version: \"3.0\"\nservices:\n"
        + service("to-a", a.port(), "      - {name: elsewhere, protocols: [tcp], destinations: [{port: 1}]}\n");
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0", config, Map.of());
        LineClient client = LineClient.connect("127.0.0.1", node.streamPort(0), null)) {
      assertThat(client.exchange("hello")).isNull();
      assertThat(a.accepted()).isZero();
    }
  }

  @Test
  void anUpstreamBalancesOverItsTargetsAndRetriesADeadOneOnTheOtherMarkingItUnhealthy() throws Exception {
    ClosedPort closed = ClosedPort.open();
    int dead = closed.port();
    String config = "_format_version: \"3.0\"\n"
        + "upstreams:\n  - name: pool\n    targets: [{target: \"127.0.0.1:" + a.port() + "\"},"
        + " {target: \"127.0.0.1:" + b.port() + "\"}]\n"
        + "  - name: half-dead\n    healthchecks: {passive: {unhealthy: {tcp_failures: 1}}}\n"
        + "    targets: [{target: \"127.0.0.1:" + dead + "\"}, {target: \"127.0.0.1:" + c.port() + "\"}]\n"
        + "services:\n  - {name: pooled, protocol: tcp, host: pool, port: 80,"
        + " routes: [{name: r1, protocols: [tcp], destinations: [{ip: 127.0.0.1}]}]}\n"
        + "  - {name: retried, protocol: tcp, host: half-dead, port: 80, retries: 1,"
        + " routes: [{name: r2, protocols: [tcp], destinations: [{ip: 127.0.0.2}]}]}\n";
    try (closed; StreamNode node = StreamNode.start(dir, "127.0.0.1:0, 127.0.0.2:0", config, Map.of())) {
      Set<String> answers = new HashSet<>();
      for (int i = 0; i < 4; i++) {
        try (LineClient client = LineClient.connect("127.0.0.1", node.streamPort(0), null)) {
          answers.add(client.exchange("x"));
        }
      }
      assertThat(answers).containsExactlyInAnyOrder("a:x", "b:x");
      for (int i = 0; i < 4; i++) {
        try (LineClient client = LineClient.connect("127.0.0.2", node.streamPort(1), null)) {
          assertThat(client.exchange("x")).isEqualTo("c:x");
        }
      }
      assertThat(c.accepted()).isEqualTo(4);
      String halfDead = node.node().snapshot().all("upstreams").stream()
          .filter(u -> u.text("name").equals("half-dead")).findFirst().orElseThrow().id();
      assertThat(node.node().balancers().health(halfDead).orElseThrow().targets())
          .filteredOn(t -> t.port() == dead).singleElement()
          .satisfies(t -> assertThat(t.health()).isEqualTo(Health.UNHEALTHY));
    }
  }

  @Test
  void aReloadLeavesOpenConnectionsAloneAndRoutesNewOnesByTheNewConfiguration() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0", byEnds(), Map.of());
        LineClient open = LineClient.connect("127.0.0.1", node.streamPort(0), null)) {
      assertThat(open.exchange("before")).isEqualTo("a:before");
      String moved = "_format_version: \"3.0\"\nservices:\n"
          + service("to-b", b.port(), "      - {name: dst-1, protocols: [tcp], destinations: [{ip: 127.0.0.1}]}\n");
      node.postConfig(moved);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String fresh;
      do {
        try (LineClient client = LineClient.connect("127.0.0.1", node.streamPort(0), null)) {
          fresh = client.exchange("new");
        }
      } while (!"b:new".equals(fresh) && System.nanoTime() < deadline);
      assertThat(fresh).isEqualTo("b:new");
      assertThat(open.exchange("after")).isEqualTo("a:after");
    }
  }
}
