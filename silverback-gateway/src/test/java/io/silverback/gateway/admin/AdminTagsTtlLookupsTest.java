package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's {@code /tags}, the Admin API's relative {@code ttl}, {@code /consumers?custom_id=},
 * {@code /certificates/{sni}} and the precedence of literal routes, over PostgreSQL.
 */
class AdminTagsTtlLookupsTest {
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
  void tagsListsEveryTagOfEveryEntityOrderedByEntityIdAcrossPages() {
    String s = created("/services", "{\"name\":\"tagged-svc\",\"host\":\"x.example\",\"tags\":[\"t-one\",\"t-two\"]}");
    String c = created("/consumers", "{\"username\":\"tagged-consumer\",\"tags\":[\"t-one\"]}");
    List<String> rows = new ArrayList<>();
    String next = "/tags?size=1";
    int pages = 0;
    while (next != null) {
      JsonNode page = admin.get(next).json();
      assertThat(page.get("data").size()).isLessThanOrEqualTo(1);
      page.get("data").forEach(r -> rows.add(r.get("entity_id").asText() + " " + r.get("entity_name").asText()
          + " " + r.get("tag").asText()));
      // Kong's next link does not carry size on: ask for pages of one again
      next = page.get("next").isNull() ? null : page.get("next").asText() + "&size=1";
      pages++;
    }
    List<String> mine = rows.stream().filter(r -> r.startsWith(s) || r.startsWith(c)).toList();
    List<String> expected = s.compareTo(c) < 0
        ? List.of(s + " services t-one", s + " services t-two", c + " consumers t-one")
        : List.of(c + " consumers t-one", s + " services t-one", s + " services t-two");
    assertThat(mine).isEqualTo(expected);
    assertThat(rows).isSorted();
    assertThat(pages).isGreaterThanOrEqualTo(rows.size());
  }

  @Test
  void tagsByTagListsTheTaggedEntitiesWithANextLinkOnTheTagsPath() {
    String a = created("/services", "{\"name\":\"bytag-a\",\"host\":\"x.example\",\"tags\":[\"only-here\",\"x\"]}");
    String b = created("/upstreams", "{\"name\":\"bytag-b.example\",\"tags\":[\"only-here\"]}");
    JsonNode first = admin.get("/tags/only-here?size=1").json();
    assertThat(first.get("data")).hasSize(1);
    assertThat(first.get("next").asText()).startsWith("/tags/only-here?offset=");
    JsonNode second = admin.get(first.get("next").asText()).json();
    assertThat(second.get("data")).hasSize(1);
    assertThat(second.get("next").isNull()).isTrue();
    List<String> ids = List.of(first.get("data").get(0).get("entity_id").asText(),
        second.get("data").get(0).get("entity_id").asText());
    assertThat(ids).containsExactlyElementsOf(a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a));
    assertThat(second.get("data").get(0).get("tag").asText()).isEqualTo("only-here");
    assertThat(admin.get("/tags/nobody-has-this").json().get("data")).isEmpty();
  }

  @Test
  void aTagWithACommaIsKongsInvalidUniqueTag() {
    AdminClient.Response r = admin.get("/tags/a,b");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(10);
    assertThat(r.json().get("name").asText()).isEqualTo("invalid unique tag");
    assertThat(r.json().get("message").asText())
        .isEqualTo("invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences");
  }

  @Test
  void aGarbledTagsOffsetIsAnInvalidOffset() {
    AdminClient.Response r = admin.get("/tags?offset=nope");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("name").asText()).isEqualTo("invalid offset");
  }

  @Test
  void ttlIsSecondsFromNowOnWriteAndTheRemainingSecondsOnRead() {
    created("/consumers", "{\"username\":\"ttl-user\"}");
    AdminClient.Response r = admin.json("POST", "/consumers/ttl-user/key-auth", "{\"key\":\"ttl-key\",\"ttl\":100}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("ttl").asLong()).isBetween(98L, 100L);
    String id = r.json().get("id").asText();
    assertThat(admin.get("/key-auths/" + id).json().get("ttl").asLong()).isBetween(98L, 100L);
    assertThat(admin.get("/consumers/ttl-user/key-auth").json().get("data").get(0).get("ttl").asLong())
        .isBetween(98L, 100L);
    AdminClient.Response patched = admin.json("PATCH", "/key-auths/" + id, "{\"ttl\":5000}");
    assertThat(patched.json().get("ttl").asLong()).isBetween(4998L, 5000L);
    AdminClient.Response cleared = admin.json("PATCH", "/key-auths/" + id, "{\"ttl\":0}");
    assertThat(cleared.json().get("ttl").isNull()).isTrue();
  }

  @Test
  void aTtlThatIsNotAnIntegerInRangeIsAnInvalidOption() {
    created("/consumers", "{\"username\":\"ttl-bad\"}");
    for (String ttl : new String[] {"1.5", "-1", "100000001", "\"10\""}) {
      AdminClient.Response r = admin.json("POST", "/consumers/ttl-bad/key-auth", "{\"ttl\":" + ttl + "}");
      assertThat(r.status()).as(ttl).isEqualTo(400);
      assertThat(r.json().get("message").asText())
          .isEqualTo("invalid option (ttl: must be an integer between 0 and 100000000)");
    }
  }

  @Test
  void anExpiredCredentialIsNotFound() throws Exception {
    created("/consumers", "{\"username\":\"ttl-expiring\"}");
    String id = created("/consumers/ttl-expiring/key-auth", "{\"ttl\":1}");
    Thread.sleep(2100);
    assertThat(admin.get("/key-auths/" + id).status()).isEqualTo(404);
    assertThat(admin.get("/consumers/ttl-expiring/key-auth").json().get("data")).isEmpty();
  }

  @Test
  void customIdFindsTheOneConsumerOrAnEmptyPage() {
    String id = created("/consumers", "{\"username\":\"with-custom\",\"custom_id\":\"cust-42\"}");
    AdminClient.Response r = admin.get("/consumers?custom_id=cust-42");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).hasSize(1);
    assertThat(r.json().get("data").get(0).get("id").asText()).isEqualTo(id);
    assertThat(r.json().get("next").isNull()).isTrue();
    assertThat(admin.get("/consumers?custom_id=nobody").body()).isEqualTo("{\"data\":[],\"next\":null}");
    AdminClient.Response empty = admin.get("/consumers?custom_id=");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).isEqualTo("{\"message\":\"custom_id must be an unempty string\"}");
  }

  @Test
  void aCertificateIsFoundByOneOfItsSniNames() throws Exception {
    var body = Json.object().put("cert", resource("/tls/rsa.crt")).put("key", resource("/tls/rsa-pkcs8.key"));
    String id = created("/certificates", body.toString());
    created("/certificates/" + id + "/snis", "{\"name\":\"by-sni.example.com\"}");
    AdminClient.Response r = admin.get("/certificates/by-sni.example.com");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(id);
    AdminClient.Response missing = admin.get("/certificates/no-such-sni.example.com");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"message\":\"SNI not found\"}");
    assertThat(admin.json("PATCH", "/certificates/no-such-sni.example.com", "{}").status()).isEqualTo(404);
  }

  @Test
  void literalRoutesWinOverEntityRoutesForEveryMethod() {
    for (String method : new String[] {"PATCH", "PUT", "DELETE", "POST"}) {
      AdminClient.Response r = admin.json(method, "/plugins/enabled", "{}");
      assertThat(r.status()).as(method).isEqualTo(405);
      assertThat(r.body()).as(method).isEqualTo("{\"message\":\"Method not allowed\"}");
    }
    assertThat(admin.get("/plugins/enabled").json().has("enabled_plugins")).isTrue();
    assertThat(admin.json("POST", "/tags", "{}").status()).isEqualTo(405);
    assertThat(admin.get("/plugins/11111111-2222-4333-8444-555555555555").status()).isEqualTo(404);
  }

  private static String created(String path, String json) {
    AdminClient.Response r = admin.json("POST", path, json);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static String resource(String name) throws Exception {
    try (var in = AdminTagsTtlLookupsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
