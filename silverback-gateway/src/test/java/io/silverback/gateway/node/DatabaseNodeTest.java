package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.NodeConf;
import io.silverback.store.StoreException;
import io.silverback.store.pg.Migrations;
import io.silverback.store.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node on a real PostgreSQL database, started and stopped in this JVM. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseNodeTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  private static NodeConf conf() {
    return DB.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0, 127.0.0.1:0"));
  }

  @Test
  @Order(1)
  void refusesADatabaseThatNeedsBootstrappingWithKongsMessage() {
    assertThatThrownBy(() -> Node.start(conf()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Database needs bootstrapping or is older than Kong 1.0.")
        .hasMessageContaining("run 'silverback migrations bootstrap'");
    assertThat(Prefix.of(conf()).pidFile().path()).doesNotExist();
  }

  @Test
  @Order(2)
  void startsOnAMigratedDatabaseServesEveryListenerAndStops() {
    new Migrations(DB.dataSource(), "public").bootstrap();
    Node node = Node.start(conf());
    try {
      assertThat(node.dbless()).isFalse();
      assertThat(node.store().strategy()).isEqualTo("postgres");
      assertThat(Http.get(node.adminPorts().get(0), "/status").body()).contains("\"reachable\":true");
      assertThat(node.proxyPorts()).hasSize(2).allSatisfy(port ->
          assertThat(Http.get(port, "/").statusCode()).isEqualTo(404));
      assertThat(node.reload(conf())).isEmpty();
    } finally {
      node.stop();
    }
    assertThat(node.prefix().pidFile().path()).doesNotExist();
  }
}
