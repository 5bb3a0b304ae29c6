package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's {@code PUT /certificates/{id or SNI}} ({@code kong/api/routes/certificates.lua}): the
 * certificate that owns the name, or a new one, with the body's {@code snis} as SNI entities.
 */
class AdminCertificatesPutTest {
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

  private static ObjectNode certificate(String... snis) throws Exception {
    ObjectNode body = Json.object().put("cert", resource("/tls/rsa.crt")).put("key", resource("/tls/rsa-pkcs8.key"));
    if (snis.length > 0) {
      var names = body.putArray("snis");
      for (String s : snis) {
        names.add(s);
      }
    }
    return body;
  }

  private static JsonNode put(String path, ObjectNode body) {
    AdminClient.Response r = admin.json("PUT", path, body.toString());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String owner(String sni) {
    AdminClient.Response r = admin.get("/snis/" + sni);
    return r.status() == 404 ? null : r.json().get("certificate").get("id").asText();
  }

  @Test
  void putByAnUnknownSniCreatesACertificateServingItAndTheBodysSnisSorted() throws Exception {
    JsonNode created = put("/certificates/b-new.example.com", certificate("a-new.example.com"));
    String id = created.get("id").asText();
    assertThat(created.get("snis")).extracting(JsonNode::asText)
        .containsExactly("a-new.example.com", "b-new.example.com");
    assertThat(owner("a-new.example.com")).isEqualTo(id);
    assertThat(owner("b-new.example.com")).isEqualTo(id);
    assertThat(admin.get("/certificates/b-new.example.com").json().get("id").asText()).isEqualTo(id);
  }

  @Test
  void putByAKnownSniReplacesThatCertificateAndDeletesTheSnisLeftOut() throws Exception {
    String id = put("/certificates/keep.example.com", certificate("drop.example.com")).get("id").asText();
    JsonNode again = put("/certificates/keep.example.com", certificate());
    assertThat(again.get("id").asText()).isEqualTo(id);
    assertThat(again.get("snis")).extracting(JsonNode::asText).containsExactly("keep.example.com");
    assertThat(owner("keep.example.com")).isEqualTo(id);
    assertThat(owner("drop.example.com")).isNull();
  }

  @Test
  void putByIdWithoutSnisLeavesTheCertificateNone() throws Exception {
    String id = UUID.randomUUID().toString();
    put("/certificates/" + id, certificate("by-id.example.com"));
    assertThat(owner("by-id.example.com")).isEqualTo(id);
    JsonNode replaced = put("/certificates/" + id, certificate());
    assertThat(replaced.get("snis")).isEmpty();
    assertThat(owner("by-id.example.com")).isNull();
  }

  @Test
  void aNameOwnedByAnotherCertificateOrGivenTwiceIsASchemaViolationAndNothingIsWritten() throws Exception {
    String other = put("/certificates/owned.example.com", certificate()).get("id").asText();
    AdminClient.Response taken = admin.json("PUT", "/certificates/mine.example.com",
        certificate("owned.example.com").toString());
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.json().get("message").asText()).isEqualTo("schema violation (snis: owned.example.com "
        + "already associated with existing certificate '" + other + "')");
    assertThat(owner("mine.example.com")).isNull();
    AdminClient.Response twice = admin.json("PUT", "/certificates/twice.example.com",
        certificate("dup.example.com", "dup.example.com").toString());
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("fields").get("snis").asText()).isEqualTo("dup.example.com is duplicated");
    assertThat(owner("dup.example.com")).isNull();
  }

  private static String resource(String name) throws Exception {
    try (var in = AdminCertificatesPutTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
