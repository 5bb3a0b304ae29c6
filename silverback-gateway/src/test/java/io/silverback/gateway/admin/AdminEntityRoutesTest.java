package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kong's generated entity routes over PostgreSQL: bodies and statuses field by field. */
class AdminEntityRoutesTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static AdminClient admin;

  @BeforeAll
  static void start() {
    PostgresStore store = AdminClient.migratedStore(DB);
    admin = AdminClient.over(store, DB.conf());
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
  }

  @Test
  void createsReadsUpdatesAndDeletesAService() {
    AdminClient.Response created = admin.json("POST", "/services", "{\"name\":\"crud\",\"url\":\"http://example.com:8080/p\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode s = created.json();
    assertThat(s.get("host").asText()).isEqualTo("example.com");
    assertThat(s.get("port").asInt()).isEqualTo(8080);
    assertThat(s.get("path").asText()).isEqualTo("/p");
    String id = s.get("id").asText();
    assertThat(admin.get("/services/crud").json().get("id").asText()).isEqualTo(id);
    assertThat(admin.get("/services/" + id).json().get("name").asText()).isEqualTo("crud");
    AdminClient.Response patched = admin.json("PATCH", "/services/crud", "{\"retries\":9}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("retries").asInt()).isEqualTo(9);
    assertThat(admin.delete("/services/crud").status()).isEqualTo(204);
    AdminClient.Response gone = admin.get("/services/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("{\"message\":\"Not found\"}");
    assertThat(admin.delete("/services/" + id).status()).isEqualTo(204);
  }

  @Test
  void putByEndpointKeyCreatesWithThatKeyThenReplaces() {
    AdminClient.Response first = admin.json("PUT", "/services/by-put", "{\"host\":\"a.example\"}");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("name").asText()).isEqualTo("by-put");
    AdminClient.Response second = admin.json("PUT", "/services/by-put", "{\"host\":\"b.example\"}");
    assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(second.json().get("host").asText()).isEqualTo("b.example");
  }

  @Test
  void patchOfAMissingServiceIsKongsNotFoundBody() {
    String id = "11111111-2222-4333-8444-555555555555";
    AdminClient.Response r = admin.json("PATCH", "/services/" + id, "{\"retries\":1}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("code").asInt()).isEqualTo(6);
    assertThat(r.json().get("name").asText()).isEqualTo("not found");
    assertThat(r.json().get("message").asText()).isEqualTo("could not find the entity with primary key '{id=\"" + id + "\"}'");
    assertThat(r.json().get("fields").get("id").asText()).isEqualTo(id);
  }

  @Test
  void duplicateNameIsAUniqueViolation() {
    admin.json("POST", "/services", "{\"name\":\"twice\",\"host\":\"x.example\"}");
    AdminClient.Response r = admin.json("POST", "/services", "{\"name\":\"twice\",\"host\":\"x.example\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("code").asInt()).isEqualTo(5);
    assertThat(r.json().get("message").asText()).isEqualTo("UNIQUE violation detected on '{name=\"twice\"}'");
  }

  @Test
  void unknownFieldIsASchemaViolation() {
    AdminClient.Response r = admin.json("POST", "/services", "{\"host\":\"x.example\",\"colour\":\"red\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(2);
    assertThat(r.json().get("message").asText()).isEqualTo("schema violation (colour: unknown field)");
    assertThat(r.json().get("fields").get("colour").asText()).isEqualTo("unknown field");
  }

  @Test
  void nonUuidWhereThereIsNoEndpointKeyIsAnInvalidPrimaryKey() {
    AdminClient.Response r = admin.get("/ca_certificates/not-a-uuid");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(1);
    assertThat(r.json().get("message").asText()).isEqualTo("invalid primary key: '{id=\"expected a valid UUID\"}'");
  }

  @Test
  void routesNestUnderTheirServiceAndReachItBack() {
    admin.json("POST", "/services", "{\"name\":\"parent\",\"host\":\"p.example\"}");
    AdminClient.Response route = admin.json("POST", "/services/parent/routes", "{\"name\":\"child\",\"paths\":[\"/c\"]}");
    assertThat(route.status()).isEqualTo(201);
    String serviceId = admin.get("/services/parent").json().get("id").asText();
    assertThat(route.json().get("service").get("id").asText()).isEqualTo(serviceId);
    assertThat(admin.get("/services/parent/routes").json().get("data").get(0).get("name").asText()).isEqualTo("child");
    assertThat(admin.get("/services/parent/routes/child").status()).isEqualTo(200);
    assertThat(admin.get("/routes/child/service").json().get("name").asText()).isEqualTo("parent");
    AdminClient.Response delete = admin.delete("/routes/child/service");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.body()).isEqualTo("{\"message\":\"Method not allowed\"}");
    AdminClient.Response restricted = admin.delete("/services/parent");
    assertThat(restricted.status()).isEqualTo(400);
    assertThat(restricted.json().get("message").asText())
        .isEqualTo("an existing 'routes' entity references this 'services' entity");
  }

  @Test
  void aRouteUnderAnotherServiceIsNotFoundThere() {
    admin.json("POST", "/services", "{\"name\":\"one\",\"host\":\"p.example\"}");
    admin.json("POST", "/services", "{\"name\":\"two\",\"host\":\"p.example\"}");
    admin.json("POST", "/services/one/routes", "{\"name\":\"of-one\",\"paths\":[\"/one\"]}");
    assertThat(admin.get("/services/two/routes/of-one").status()).isEqualTo(404);
    assertThat(admin.get("/services/missing/routes").status()).isEqualTo(404);
  }

  @Test
  void foreignKeyByNameIsResolvedAndAnUnknownNameIsUnresolved() {
    admin.json("POST", "/services", "{\"name\":\"named\",\"host\":\"n.example\"}");
    AdminClient.Response ok = admin.json("POST", "/routes", "{\"paths\":[\"/n\"],\"service\":{\"name\":\"named\"}}");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().get("service").get("id").asText()).isEqualTo(admin.get("/services/named").json().get("id").asText());
    AdminClient.Response bad = admin.json("POST", "/routes", "{\"paths\":[\"/n\"],\"service\":{\"name\":\"ghost\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asInt()).isEqualTo(13);
    assertThat(bad.json().get("message").asText()).isEqualTo("foreign key unresolved (service.name: the foreign key"
        + " cannot be resolved with '{name=\"ghost\"}' for an existing 'services' entity)");
  }

  @Test
  void foreignKeyToNothingIsAForeignKeyViolation() {
    String id = "99999999-2222-4333-8444-555555555555";
    AdminClient.Response r = admin.json("POST", "/routes", "{\"paths\":[\"/v\"],\"service\":{\"id\":\"" + id + "\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(4);
    assertThat(r.json().get("message").asText())
        .isEqualTo("the foreign key '{id=\"" + id + "\"}' does not reference an existing 'services' entity.");
  }

  @Test
  void formEncodedBodiesAreNestedAndTypedByTheSchema() {
    AdminClient.Response svc = admin.form("POST", "/services", "name=formed&host=f.example&port=8081&retries=");
    assertThat(svc.status()).isEqualTo(201);
    assertThat(svc.json().get("port").isInt()).isTrue();
    assertThat(svc.json().get("retries").isNull()).as("an empty form value is null").isTrue();
    String id = svc.json().get("id").asText();
    AdminClient.Response route = admin.form("POST", "/routes",
        "service.id=" + id + "&paths[]=/a&paths[]=/b&strip_path=false&methods=GET");
    assertThat(route.status()).isEqualTo(201);
    assertThat(route.json().get("paths").toString()).isEqualTo("[\"/a\",\"/b\"]");
    assertThat(route.json().get("strip_path").asBoolean()).isFalse();
    assertThat(route.json().get("methods").toString()).isEqualTo("[\"GET\"]");
    AdminClient.Response plugin = admin.form("POST", "/services/formed/plugins", "name=rate-limiting&config.minute=5");
    assertThat(plugin.status()).isEqualTo(201);
    assertThat(plugin.json().get("config").get("minute").asInt()).isEqualTo(5);
    assertThat(plugin.json().get("service").get("id").asText()).isEqualTo(id);
  }

  @Test
  void consumersCarryCredentialsAndPlugins() {
    assertThat(admin.json("POST", "/consumers", "{\"username\":\"alice\"}").status()).isEqualTo(201);
    AdminClient.Response key = admin.json("POST", "/consumers/alice/key-auth", "{\"key\":\"alice-key\"}");
    assertThat(key.status()).isEqualTo(201);
    assertThat(admin.get("/key-auths/alice-key").json().get("key").asText()).isEqualTo("alice-key");
    assertThat(admin.get("/key-auths/alice-key/consumer").json().get("username").asText()).isEqualTo("alice");
    assertThat(admin.json("POST", "/consumers/alice/acls", "{\"group\":\"admins\"}").status()).isEqualTo(201);
    assertThat(admin.json("POST", "/consumers/alice/basic-auth", "{\"username\":\"alice\",\"password\":\"pw\"}").status())
        .isEqualTo(201);
    assertThat(admin.json("POST", "/consumers/alice/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"second\":1}}").status())
        .isEqualTo(201);
    assertThat(admin.get("/consumers/alice/acls").json().get("data")).hasSize(1);
    assertThat(admin.delete("/consumers/alice/key-auth/alice-key").status()).isEqualTo(204);
    assertThat(admin.get("/key-auths/alice-key").status()).isEqualTo(404);
  }

  @Test
  void targetsAreAddressedByTargetUnderTheirUpstream() {
    assertThat(admin.json("POST", "/upstreams", "{\"name\":\"up\"}").status()).isEqualTo(201);
    AdminClient.Response t = admin.json("POST", "/upstreams/up/targets", "{\"target\":\"10.0.0.1:80\"}");
    assertThat(t.status()).isEqualTo(201);
    assertThat(admin.get("/upstreams/up/targets/10.0.0.1:80").json().get("id").asText()).isEqualTo(t.json().get("id").asText());
    assertThat(admin.get("/targets").status()).isEqualTo(404);
    assertThat(admin.delete("/upstreams/up/targets/10.0.0.1:80").status()).isEqualTo(204);
    assertThat(admin.get("/upstreams/up/targets").json().get("data")).isEmpty();
  }

  @Test
  void certificatesCarrySnis() throws Exception {
    String cert = resource("/tls/rsa.crt");
    String key = resource("/tls/rsa-pkcs8.key");
    var body = io.silverback.core.schema.Json.object().put("cert", cert).put("key", key);
    AdminClient.Response c = admin.json("POST", "/certificates", body.toString());
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    String id = c.json().get("id").asText();
    AdminClient.Response sni = admin.json("POST", "/certificates/" + id + "/snis", "{\"name\":\"a.example.com\"}");
    assertThat(sni.status()).isEqualTo(201);
    assertThat(admin.get("/snis/a.example.com").json().get("certificate").get("id").asText()).isEqualTo(id);
    assertThat(admin.get("/certificates/" + id + "/snis").json().get("data")).hasSize(1);
  }

  @Test
  void rootListsPluginsInUse() {
    admin.json("POST", "/plugins", "{\"name\":\"cors\"}");
    assertThat(admin.get("/").json().get("plugins").get("enabled_in_cluster").toString()).contains("\"cors\"");
    assertThat(admin.get("/status").json().get("database").get("reachable").asBoolean()).isTrue();
  }

  private static String resource(String name) throws Exception {
    try (var in = AdminEntityRoutesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
