package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.store.pg.Migrations;
import io.silverback.store.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node started read-only ({@code backup verify --deep}) serves what the database holds and writes nothing. */
class ReadOnlyNodeTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Test
  void aReadOnlyNodeServesItsEntitiesAndRefusesEveryWriteAsKongsDblessAdminApi() {
    new Migrations(DB.dataSource(), "public").bootstrap();
    NodeConf conf = DB.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0"));
    Node writer = Node.start(conf);
    String serviceId;
    try {
      HttpResponse<String> created = Http.post(writer.adminPorts().get(0), "/services", "application/json",
          "{\"name\":\"orders\",\"url\":\"http://orders.internal\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      serviceId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      assertThat(Http.post(writer.adminPorts().get(0), "/services/orders/routes", "application/json",
          "{\"name\":\"orders\",\"paths\":[\"/orders\"]}").statusCode()).isEqualTo(201);
    } finally {
      writer.stop();
    }

    Node node = Node.startReadOnly(conf);
    try {
      int admin = node.adminPorts().get(0);
      assertThat(Http.get(admin, "/services/orders").body()).contains("\"id\":\"" + serviceId + "\"");
      HttpResponse<String> refused = Http.post(admin, "/services", "application/json", "{\"name\":\"more\",\"url\":\"http://more\"}");
      assertThat(refused.statusCode()).isEqualTo(405);
      assertThat(refused.body()).contains("\"name\":\"operation unsupported\"",
          "cannot create 'services' entities on a read-only node");
      assertThat(node.proxySnapshot().router().size()).isEqualTo(1);
      assertThat(Http.get(admin, "/services").body()).doesNotContain("\"more\"");
    } finally {
      node.stop();
    }
  }
}
