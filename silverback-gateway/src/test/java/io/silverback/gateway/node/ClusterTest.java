package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Entity;
import io.silverback.store.pg.Migrations;
import io.silverback.store.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one PostgreSQL: a write through one reaches the other's snapshot within a second. */
class ClusterTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path second;

  @BeforeAll
  static void migrate() {
    new Migrations(DB.dataSource(), "public").bootstrap();
  }

  private static NodeConf conf(Path prefix) {
    return DB.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0", "prefix", prefix.toString()));
  }

  @Test
  void aServiceCreatedThroughOneNodeIsInTheOtherNodesSnapshotWithinASecond() throws Exception {
    Node a = Node.start(conf(DB.conf().prefix()));
    Node b = Node.start(conf(second));
    try {
      HttpResponse<String> created = Http.post(a.adminPorts().get(0), "/services", "application/json",
          "{\"name\":\"shared\",\"url\":\"http://shared.internal\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long start = System.nanoTime();
      while (!hasService(b, "shared") && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2)) {
        Thread.onSpinWait();
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(hasService(b, "shared")).as("node B's snapshot holds the service").isTrue();
      assertThat(millis).as("propagation time").isLessThan(1000);
      assertThat(Http.get(b.adminPorts().get(0), "/services/shared").statusCode()).isEqualTo(200);
    } finally {
      b.stop();
      a.stop();
    }
  }

  @Test
  void configIsRefusedWithKongsMessageOnANodeWithADatabase() {
    Node a = Node.start(conf(DB.conf().prefix()));
    try {
      HttpResponse<String> r = Http.post(a.adminPorts().get(0), "/config", "application/json", "{}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo(
          "{\"message\":\"this endpoint is only available when Kong is configured to not use a database\"}");
    } finally {
      a.stop();
    }
  }

  private static boolean hasService(Node node, String name) {
    return node.snapshot().all("services").stream().map(Entity::fields).anyMatch(f -> name.equals(f.path("name").asText()));
  }
}
