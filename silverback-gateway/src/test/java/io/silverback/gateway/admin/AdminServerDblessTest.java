package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.memory.MemoryStore;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Admin API over a DB-less store: reads work, writes are refused as Kong refuses them. */
class AdminServerDblessTest {
  static final String NODE_ID = "8d0b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static final String SERVICE_ID = "0b1b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static AdminClient admin;

  @BeforeAll
  static void start() {
    EntityRegistry registry = EntityRegistry.standard();
    String yaml = """
        _format_version: "3.0"
        services:
        - id: %s
          name: svc
          url: http://example.com
          tags: [a]
          routes:
          - name: r1
            paths: [/r1]
        consumers:
        - username: bob
          keyauth_credentials:
          - key: secret-key
        """.formatted(SERVICE_ID);
    MemoryStore store = new MemoryStore(DeclarativeConfigParser.of(registry).parseString(yaml).orThrow().config());
    AdminOptions options = AdminOptions.defaults().withConfigurationHash(() -> "0123456789abcdef0123456789abcdef");
    admin = AdminClient.start(new AdminContext(store, NodeConf.defaults(), NODE_ID), options);
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
  }

  @Test
  void listsServicesFromTheDeclarativeConfig() {
    AdminClient.Response r = admin.get("/services");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).hasSize(1);
    assertThat(r.json().get("data").get(0).get("name").asText()).isEqualTo("svc");
    assertThat(r.json().get("next").isNull()).isTrue();
    assertThat(r.json().has("offset")).isFalse();
  }

  @Test
  void findsAServiceByNameAndItsRoutes() {
    assertThat(admin.get("/services/svc").json().get("id").asText()).isEqualTo(SERVICE_ID);
    JsonNode routes = admin.get("/services/svc/routes").json();
    assertThat(routes.get("data").get(0).get("name").asText()).isEqualTo("r1");
    assertThat(admin.get("/consumers/bob/key-auth").json().get("data").get(0).get("key").asText())
        .isEqualTo("secret-key");
  }

  @Test
  void refusesCreationWithKongsOperationUnsupportedBody() {
    AdminClient.Response r = admin.json("POST", "/routes", "{\"paths\":[\"/x\"]}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().get("code").asInt()).isEqualTo(12);
    assertThat(r.json().get("name").asText()).isEqualTo("operation unsupported");
    assertThat(r.json().get("message").asText())
        .isEqualTo("cannot create 'routes' entities when not using a database");
  }

  @Test
  void refusesPutByEndpointKeyNamingTheKey() {
    AdminClient.Response r = admin.json("PUT", "/services/other", "{\"url\":\"http://x\"}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().get("message").asText())
        .isEqualTo("cannot create or update 'services' entities by 'name' when not using a database");
    assertThat(admin.json("PUT", "/services/" + SERVICE_ID, "{}").json().get("message").asText())
        .isEqualTo("cannot create or update 'services' entities when not using a database");
  }

  @Test
  void patchOfAMissingEntityIsNotFoundBeforeItIsRefused() {
    AdminClient.Response missing = admin.json("PATCH", "/services/nope", "{}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asInt()).isEqualTo(6);
    assertThat(missing.json().get("message").asText()).isEqualTo("could not find the entity with '{name=\"nope\"}'");
    AdminClient.Response existing = admin.json("PATCH", "/services/svc", "{}");
    assertThat(existing.status()).isEqualTo(405);
    assertThat(existing.json().get("message").asText())
        .isEqualTo("cannot update 'services' entities by 'name' when not using a database");
  }

  @Test
  void deleteOfAMissingEntityIsNoContentAndOfAnExistingOneRefused() {
    assertThat(admin.delete("/services/nope").status()).isEqualTo(204);
    AdminClient.Response r = admin.delete("/services/" + SERVICE_ID);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().get("message").asText())
        .isEqualTo("cannot remove 'services' entities when not using a database");
  }

  @Test
  void statusReportsTheConfigurationHashInsteadOfTheDatabase() {
    JsonNode status = admin.get("/status").json();
    assertThat(status.has("database")).isFalse();
    assertThat(status.get("configuration_hash").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(status.get("server").has("connections_active")).isTrue();
    assertThat(status.get("memory").get("workers_lua_vms").get(0).get("http_allocated_gc").asText()).endsWith(" MiB");
  }

  @Test
  void statusRefusesAnUnknownUnitWithKongsMessage() {
    AdminClient.Response r = admin.get("/status?unit=x");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).isEqualTo("invalid unit 'x' (expected 'k/K', 'm/M', or 'g/G')");
  }

  @Test
  void rootDescribesTheNode() {
    JsonNode root = admin.get("/").json();
    assertThat(root.get("tagline").asText()).isEqualTo("Welcome to kong");
    assertThat(root.get("edition").asText()).isEqualTo("community");
    assertThat(root.get("version").asText()).isEqualTo("3.10.0");
    assertThat(root.get("node_id").asText()).isEqualTo(NODE_ID);
    assertThat(root.get("plugins").get("available_on_server").get("key-auth").get("priority").asInt()).isEqualTo(1250);
    assertThat(root.get("plugins").get("enabled_in_cluster").isArray()).isTrue();
    assertThat(root.get("configuration").get("database").asText()).isEqualTo("postgres");
  }

  @Test
  void writeMethodsTheRouteDoesNotDefineAreMethodNotAllowed() {
    AdminClient.Response r = admin.delete("/routes");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().get("message").asText()).isEqualTo("Method not allowed");
  }

  @Test
  void headMirrorsGetWithoutABody() {
    AdminClient.Response r = admin.send(admin.request("/services").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }
}
