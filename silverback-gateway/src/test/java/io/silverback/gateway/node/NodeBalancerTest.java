package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's balancers follow its snapshots, and their health survives a reload (Kong issue #7835). */
class NodeBalancerTest {
  private static final String UPSTREAM = """
      _format_version: '3.0'
      upstreams:
      - name: up
        healthchecks:
          passive:
            unhealthy:
              tcp_failures: 1
        targets:
        - target: 10.0.0.1:80
        - target: 10.0.0.2:80
      """;

  @TempDir
  Path dir;

  private Node node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void keepsATargetUnhealthyAcrossAPostConfigThatAddsAService() throws IOException {
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, UPSTREAM);
    node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0",
        "declarative_config", file.toString())));
    int admin = node.adminPorts().get(0);
    assertThat(node.balancers().forHost("up")).isNotNull();
    assertThat(health(admin, "10.0.0.1:80")).isEqualTo("HEALTHY");

    assertThat(Http.post(admin, "/upstreams/up/targets/10.0.0.1:80/unhealthy", "application/json", "{}")
        .statusCode()).isEqualTo(204);
    assertThat(health(admin, "10.0.0.1:80")).isEqualTo("UNHEALTHY");

    long generation = node.snapshotGeneration();
    String more = UPSTREAM + "services:\n- name: other\n  url: http://other.test\n";
    assertThat(Http.post(admin, "/config", "application/x-yaml", more).statusCode()).isEqualTo(201);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (node.snapshotGeneration() == generation && System.nanoTime() < deadline) {
      sleep();
    }
    assertThat(node.snapshotGeneration()).isGreaterThan(generation);
    assertThat(health(admin, "10.0.0.1:80")).isEqualTo("UNHEALTHY");
    assertThat(health(admin, "10.0.0.2:80")).isEqualTo("HEALTHY");
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String health(int admin, String target) throws IOException {
    JsonNode body = Json.MAPPER.readTree(Http.get(admin, "/upstreams/up/health").body());
    for (JsonNode t : body.get("data")) {
      if (t.get("target").asText().equals(target)) {
        return t.get("health").asText();
      }
    }
    throw new AssertionError("no " + target + " in " + body);
  }
}
