package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.cluster.ClusterHealth;
import io.silverback.store.memory.MemoryStore;
import io.vertx.core.Vertx;
import java.net.http.HttpRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The balancer routes over real HTTP, on a DB-less node (health is never stored, so it works there). */
class BalancerRoutesTest {
  static final String UP = "5c0c1d7e-1111-4c39-9f0e-2f6c9d1b7a11";
  static final String T1 = "5c0c1d7e-2222-4c39-9f0e-2f6c9d1b7a11";
  static final String T3 = "5c0c1d7e-3333-4c39-9f0e-2f6c9d1b7a11";
  static Vertx vertx;
  static MemoryStore store;
  static BalancerRegistry balancers;
  static AdminClient admin;

  @BeforeAll
  static void start() {
    String yaml = """
        _format_version: "3.0"
        upstreams:
        - id: %s
          name: up
          healthchecks:
            passive:
              unhealthy:
                tcp_failures: 1
          targets:
          - id: %s
            target: 10.0.0.1:80
            weight: 10
          - target: 10.0.0.2:80
            weight: 0
        - name: plain
          targets:
          - id: %s
            target: 10.0.0.3:80
        """.formatted(UP, T1, T3);
    store = new MemoryStore(DeclarativeConfigParser.of(EntityRegistry.standard()).parseString(yaml).orThrow().config());
    vertx = Vertx.vertx();
    balancers = new BalancerRegistry(vertx);
    AdminContext context = new AdminContext(store, NodeConf.defaults(), AdminClient.NODE_ID);
    admin = AdminClient.start(context, AdminOptions.defaults(), r -> BalancerRoutes.mount(r, context,
        ClusterHealth.local(balancers)));
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
    balancers.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void freshBalancers() {
    balancers.update(store.export());
    admin.json("PUT", "/upstreams/up/targets/10.0.0.1:80/healthy", "{}");
  }

  static JsonNode target(JsonNode health, String target) {
    for (JsonNode t : health.get("data")) {
      if (t.get("target").asText().equals(target)) {
        return t;
      }
    }
    throw new AssertionError("no " + target + " in " + health);
  }

  @Test
  void reportsEveryActiveTargetWithItsHealthAndTheNodeId() {
    AdminClient.Response r = admin.get("/upstreams/up/health");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("node_id").asText()).isEqualTo(AdminClient.NODE_ID);
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.get("next").isNull()).isTrue();
    JsonNode one = target(body, "10.0.0.1:80");
    assertThat(one.get("id").asText()).isEqualTo(T1);
    assertThat(one.get("upstream").get("id").asText()).isEqualTo(UP);
    assertThat(one.get("health").asText()).isEqualTo("HEALTHY");
    assertThat(one.at("/data/addresses/0/health").asText()).isEqualTo("HEALTHY");
    assertThat(one.at("/data/addresses/0/ip").asText()).isEqualTo("10.0.0.1");
    assertThat(one.at("/data/addresses/0/port").asInt()).isEqualTo(80);
    assertThat(one.at("/data/weight/total").asInt()).isEqualTo(10);
    assertThat(target(body, "10.0.0.2:80").get("health").asText()).isEqualTo("HEALTHCHECKS_OFF");
    assertThat(admin.get("/upstreams/up/health/").json().get("data")).hasSize(2);
  }

  @Test
  void pagesTheHealthListing() {
    JsonNode first = admin.get("/upstreams/up/health?size=1").json();
    assertThat(first.get("data")).hasSize(1);
    assertThat(first.get("offset").asText()).isEqualTo("1");
    assertThat(first.get("next").asText()).isEqualTo("/upstreams/up/health?offset=1");
    JsonNode second = admin.get("/upstreams/up/health?size=1&offset=1").json();
    assertThat(second.get("data")).hasSize(1);
    assertThat(second.get("data").get(0).get("target").asText())
        .isNotEqualTo(first.get("data").get(0).get("target").asText());
    assertThat(second.get("next").isNull()).isTrue();
  }

  @Test
  void reportsHealthChecksOffForAnUpstreamWithoutThem() {
    JsonNode t = target(admin.get("/upstreams/plain/health").json(), "10.0.0.3:80");
    assertThat(t.get("health").asText()).isEqualTo("HEALTHCHECKS_OFF");
  }

  @Test
  void setsATargetUnhealthyAndHealthyByTargetByIdAndByAddress() {
    assertThat(admin.json("PUT", "/upstreams/up/targets/10.0.0.1:80/unhealthy", "{}").status()).isEqualTo(204);
    assertThat(target(admin.get("/upstreams/up/health").json(), "10.0.0.1:80").get("health").asText())
        .isEqualTo("UNHEALTHY");

    assertThat(admin.json("PUT", "/upstreams/" + UP + "/targets/" + T1 + "/healthy", "{}").status()).isEqualTo(204);
    assertThat(target(admin.get("/upstreams/up/health").json(), "10.0.0.1:80").get("health").asText())
        .isEqualTo("HEALTHY");

    assertThat(admin.json("PUT", "/upstreams/up/targets/10.0.0.1:80/10.0.0.1:80/unhealthy", "{}").status())
        .isEqualTo(204);
    assertThat(target(admin.get("/upstreams/up/health").json(), "10.0.0.1:80").get("health").asText())
        .isEqualTo("UNHEALTHY");
    assertThat(admin.json("POST", "/upstreams/up/targets/10.0.0.1:80/healthy", "{}").status()).isEqualTo(204);
    assertThat(target(admin.get("/upstreams/up/health").json(), "10.0.0.1:80").get("health").asText())
        .isEqualTo("HEALTHY");
  }

  @Test
  void takesARequestWithoutBodyAsKongsClientsSendIt() {
    AdminClient.Response r = admin.send(admin.request("/upstreams/up/targets/10.0.0.1:80/unhealthy")
        .PUT(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).isEqualTo(204);
    assertThat(target(admin.get("/upstreams/up/health").json(), "10.0.0.1:80").get("health").asText())
        .isEqualTo("UNHEALTHY");
  }

  @Test
  void answersNotFoundForUnknownUpstreamsAndTargetsAsKong() {
    for (String path : new String[] {"/upstreams/nope/health", "/upstreams/nope/targets/10.0.0.1:80/healthy",
        "/upstreams/up/targets/invalid:1234/healthy", "/upstreams/up/targets/" + T3 + "/unhealthy",
        "/upstreams/up/targets/5c0c1d7e-9999-4c39-9f0e-2f6c9d1b7a11/healthy"}) {
      AdminClient.Response r = path.endsWith("/health") ? admin.get(path) : admin.json("PUT", path, "{}");
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("message").asText()).isEqualTo("Not found");
    }
  }

  @Test
  void refusesToSetHealthWhereNoHealthChecksRun() {
    AdminClient.Response r = admin.json("PUT", "/upstreams/plain/targets/10.0.0.3:80/unhealthy", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).isEqualTo("no healthchecker found for plain");
  }

  @Test
  void reportsTheBalancersOwnHealthOnRequest() {
    JsonNode data = admin.get("/upstreams/up/health?balancer_health=1").json().get("data");
    assertThat(data.get("health").asText()).isEqualTo("HEALTHY");
    assertThat(data.get("balancer_health").asText()).isEqualTo("HEALTHY");
    assertThat(data.get("id").asText()).isEqualTo(UP);
    assertThat(data.at("/details/weight/total").asInt()).isEqualTo(10);
    admin.json("PUT", "/upstreams/up/targets/10.0.0.1:80/unhealthy", "{}");
    data = admin.get("/upstreams/up/health?balancer_health=1").json().get("data");
    assertThat(data.get("balancer_health").asText()).isEqualTo("UNHEALTHY");
    assertThat(data.at("/details/weight/unavailable").asInt()).isEqualTo(10);
  }

  @Test
  void listsEveryTargetOfAnUpstreamWeightZeroIncludedUnderTargetsAll() {
    AdminClient.Response r = admin.get("/upstreams/up/targets/all");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).hasSize(2);
    assertThat(r.json().get("next").isNull()).isTrue();
    assertThat(admin.get("/upstreams/nope/targets/all").status()).isEqualTo(404);
    assertThat(admin.json("PATCH", "/upstreams/up/targets/all", "{}").status()).isEqualTo(405);
    assertThat(admin.get("/upstreams/up/targets/10.0.0.1:80").json().get("id").asText()).isEqualTo(T1);
  }

  @Test
  void neverWritesHealthToTheStoredTargets() {
    admin.json("PUT", "/upstreams/up/targets/10.0.0.1:80/unhealthy", "{}");
    JsonNode listed = admin.get("/upstreams/up/targets").json().get("data");
    listed.forEach(t -> assertThat(t.has("health")).isFalse());
    assertThat(store.export().get("targets", T1).orElseThrow().fields().has("health")).isFalse();
  }
}
