package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.memory.MemoryStore;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** What every request goes through before its route: CORS, token, content type, size, errors. */
class AdminServerBoundaryTest {
  private static final String NODE_ID = "8d0b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";

  private static AdminClient start(AdminOptions options) {
    MemoryStore store = new MemoryStore(Config.empty(EntityRegistry.standard()));
    return AdminClient.start(new AdminContext(store, NodeConf.defaults(), NODE_ID), options);
  }

  @Test
  void unknownPathIsKongsNotFound() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      AdminClient.Response r = admin.get("/nothing-here");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("{\"message\":\"Not found\"}");
      assertThat(r.header("Server")).isEqualTo("kong/3.10.0");
    }
  }

  @Test
  void malformedJsonIsCannotParseJsonBody() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      AdminClient.Response r = admin.json("POST", "/services", "{\"name\": ");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    }
  }

  @Test
  void bodyWithAnUnsupportedContentTypeIs415() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      AdminClient.Response r = admin.send(admin.request("/services").header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("name=x")));
      assertThat(r.status()).isEqualTo(415);
    }
  }

  @Test
  void bodyOverTheLimitIsPayloadTooLarge() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults().withBodyLimit(1024))) {
      AdminClient.Response r = admin.json("POST", "/services", "{\"name\":\"" + "x".repeat(2000) + "\"}");
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).isEqualTo("{\"message\":\"Payload too large\"}");
    }
  }

  @Test
  void withATokenConfiguredRequestsWithoutItAreUnauthorized() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults().withAdminToken("s3cret"))) {
      AdminClient.Response none = admin.get("/services");
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
      assertThat(admin.send(admin.request("/services").header("Kong-Admin-Token", "wrong").GET()).status())
          .isEqualTo(401);
      assertThat(admin.send(admin.request("/services").header("Kong-Admin-Token", "s3cret").GET()).status())
          .isEqualTo(200);
    }
  }

  @Test
  void withoutATokenConfiguredEveryRequestIsServed() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      assertThat(admin.get("/services").status()).isEqualTo(200);
    }
  }

  @Test
  void browserPreflightGetsTheMethodsAndEchoedOriginEvenWithAToken() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults().withAdminToken("s3cret"))) {
      AdminClient.Response r = admin.send(admin.request("/services")
          .header("Origin", "http://gui.example")
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "content-type,kong-admin-token")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://gui.example");
      assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, OPTIONS, POST");
      assertThat(r.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
      assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("content-type,kong-admin-token");
    }
  }

  @Test
  void responsesAllowAnyOriginWhenNoneIsSent() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      assertThat(admin.get("/services").header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
  }

  @Test
  void endpointsListsTheGeneratedRoutesSorted() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      var data = admin.get("/endpoints").json().get("data");
      var list = new java.util.ArrayList<String>();
      data.forEach(n -> list.add(n.asText()));
      assertThat(list).contains("/", "/services", "/services/{services}", "/services/{services}/routes",
          "/routes/{routes}/service", "/consumers/{consumers}/key-auth/{keyauth_credentials}",
          "/upstreams/{upstreams}/targets/{targets}", "/certificates/{certificates}/snis", "/status")
          .doesNotContain("/targets", "/targets/{targets}", "/parameters");
      assertThat(list).isSortedAccordingTo(java.util.Comparator.comparing(t -> t.replace('/', '\0')));
    }
  }

  @Test
  void schemasRenderFieldsAsKongDoes() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      var fields = admin.get("/schemas/services").json().get("fields");
      assertThat(fields.get(0).get("id").get("type").asText()).isEqualTo("string");
      assertThat(fields.get(0).get("id").get("uuid").asBoolean()).isTrue();
      var protocol = new java.util.concurrent.atomic.AtomicReference<com.fasterxml.jackson.databind.JsonNode>();
      fields.forEach(f -> { if (f.has("protocol")) protocol.set(f.get("protocol")); });
      assertThat(protocol.get().get("one_of").toString()).contains("\"http\"", "\"https\"");
      AdminClient.Response missing = admin.get("/schemas/nothing");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"message\":\"No entity named 'nothing'\"}");
      assertThat(admin.get("/schemas/plugins/key-auth").json().get("fields").toString()).contains("key_names");
      assertThat(admin.get("/schemas/plugins/nope").json().get("message").asText()).isEqualTo("No plugin named 'nope'");
    }
  }

  @Test
  void schemaValidateChecksABodyAsACreateWouldWithoutStoringIt() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      AdminClient.Response ok = admin.json("POST", "/schemas/services/validate", "{\"host\":\"example.com\"}");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("{\"message\":\"schema validation successful\"}");
      assertThat(admin.get("/services").json().get("data")).isEmpty();

      AdminClient.Response bad = admin.json("POST", "/schemas/services/validate", "{\"host\":\"example.com\",\"port\":\"x\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("name").asText()).isEqualTo("schema violation");
      assertThat(bad.json().get("fields").get("port").asText()).isEqualTo("expected an integer");

      AdminClient.Response plugin = admin.json("POST", "/schemas/plugins/validate",
          "{\"name\":\"key-auth\",\"config\":{\"hide_credentials\":\"maybe\"}}");
      assertThat(plugin.status()).isEqualTo(400);
      assertThat(plugin.json().get("fields").get("config").get("hide_credentials").asText()).isEqualTo("expected a boolean");
      assertThat(admin.json("POST", "/schemas/plugins/validate", "{\"name\":\"key-auth\"}").status()).isEqualTo(200);

      AdminClient.Response unknown = admin.json("POST", "/schemas/nothing/validate", "{}");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).isEqualTo("{\"message\":\"No entity named 'nothing'\"}");
    }
  }

  @Test
  void enabledPluginsAreTheBundledOnes() throws Exception {
    try (AdminClient admin = start(AdminOptions.defaults())) {
      assertThat(admin.get("/plugins/enabled").json().get("enabled_plugins").toString()).contains("\"key-auth\"", "\"cors\"");
    }
  }
}
