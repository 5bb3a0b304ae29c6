package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import io.silverback.store.pg.Migrations;
import io.silverback.store.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node on PostgreSQL routes what the Admin API writes, as soon as the change feed delivers it. */
class ProxyPostgresTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  static EchoUpstream upstream;
  static Node node;

  @BeforeAll
  static void start() {
    new Migrations(DB.dataSource(), "public").bootstrap();
    upstream = EchoUpstream.start("pg");
    node = Node.start(DB.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0")));
  }

  @AfterAll
  static void stop() {
    node.stop();
    upstream.close();
  }

  private static HttpResponse<String> admin(String method, String path, String json) {
    return ProxyNode.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPorts().get(0) + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static HttpResponse<String> proxy(String path) {
    return ProxyNode.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.proxyPorts().get(0) + path))
        .timeout(Duration.ofSeconds(10)).build());
  }

  /** The proxy's answer on {@code path} once it is {@code status}, waiting up to 5 s for the snapshot. */
  private static HttpResponse<String> awaitStatus(String path, int status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    HttpResponse<String> r = proxy(path);
    while (r.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(25);
      r = proxy(path);
    }
    return r;
  }

  @Test
  void routesAServiceCreatedThroughTheAdminApiAndFollowsARouteChange() throws Exception {
    assertThat(proxy("/pg/x").statusCode()).isEqualTo(404);
    assertThat(admin("POST", "/services", "{\"name\":\"pg\",\"url\":\"" + upstream.url() + "/base\"}").statusCode())
        .isEqualTo(201);
    assertThat(admin("POST", "/services/pg/routes", "{\"name\":\"r\",\"paths\":[\"/pg\"]}").statusCode())
        .isEqualTo(201);

    HttpResponse<String> routed = awaitStatus("/pg/x", 200);
    JsonNode echo = Json.MAPPER.readTree(routed.body());
    assertThat(echo.path("upstream").asText()).isEqualTo("pg");
    assertThat(echo.path("uri").asText()).isEqualTo("/base/x");

    assertThat(admin("PATCH", "/routes/r", "{\"paths\":[\"/moved\"]}").statusCode()).isEqualTo(200);

    assertThat(awaitStatus("/pg/x", 404).statusCode()).isEqualTo(404);
    assertThat(proxy("/moved/y").statusCode()).isEqualTo(200);
  }
}
