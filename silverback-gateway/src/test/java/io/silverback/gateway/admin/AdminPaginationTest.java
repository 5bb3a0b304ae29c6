package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kong's pagination over PostgreSQL: {@code size}, opaque {@code offset}, {@code next}, {@code tags}. */
class AdminPaginationTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static final int SERVICES = 2500;
  static AdminClient admin;

  @BeforeAll
  static void start() {
    PostgresStore store = AdminClient.migratedStore(DB);
    for (int i = 0; i < SERVICES; i++) {
      var input = Json.object().put("name", "s" + i).put("host", "h.example");
      input.putArray("tags").add(i % 2 == 0 ? "even" : "odd").add(i % 5 == 0 ? "five" : "other");
      store.insert("services", input);
    }
    admin = AdminClient.over(store, DB.conf());
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
  }

  @Test
  void walkingNextVisitsEveryServiceExactlyOnce() {
    Set<String> seen = new HashSet<>();
    int pages = 0;
    String next = "/services?size=1000";
    while (next != null) {
      JsonNode page = admin.get(next).json();
      page.get("data").forEach(s -> assertThat(seen.add(s.get("id").asText())).isTrue());
      pages++;
      next = page.get("next").isNull() ? null : page.get("next").asText();
      if (next != null) {
        assertThat(next).startsWith("/services?offset=").endsWith("&size=1000");
      }
    }
    assertThat(seen).hasSize(SERVICES);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void defaultPageSizeIsOneHundred() {
    JsonNode page = admin.get("/services").json();
    assertThat(page.get("data")).hasSize(100);
    assertThat(page.get("offset").asText()).isNotEmpty();
  }

  @Test
  void tagFiltersCombineWithAndOrOr() {
    assertThat(count("/services?tags=even,five&size=1000")).isEqualTo(SERVICES / 10);
    assertThat(count("/services?tags=odd/five&size=1000")).isEqualTo(SERVICES / 2 + SERVICES / 10);
    assertThat(admin.get("/services?tags=even&size=1000").json().get("next").asText()).contains("&tags=even&size=1000");
  }

  @Test
  void sizeThatIsNotANumberIsRefused() {
    AdminClient.Response r = admin.get("/services?size=abc");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}");
  }

  @Test
  void sizeOutOfRangeIsRefused() {
    for (String size : new String[] {"0", "1001", "2.5"}) {
      AdminClient.Response r = admin.get("/services?size=" + size);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("message").asText()).isEqualTo("size must be an integer between 1 and 1000");
    }
  }

  @Test
  void garbledOffsetIsAnInvalidOffset() {
    AdminClient.Response r = admin.get("/services?offset=!!!");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(7);
    assertThat(r.json().get("message").asText()).isEqualTo("'!!!' is not a valid offset: bad base64 encoding");
  }

  @Test
  void mixedTagOperatorsAreInvalidOptions() {
    AdminClient.Response r = admin.get("/services?tags=a,b/c");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"code\":11,\"name\":\"invalid options\",\"message\":"
        + "\"invalid option (tags: invalid filter syntax)\",\"options\":{\"tags\":\"invalid filter syntax\"}}");
  }

  private static int count(String first) {
    int n = 0;
    String next = first;
    while (next != null) {
      JsonNode page = admin.get(next).json();
      n += page.get("data").size();
      next = page.get("next").isNull() ? null : page.get("next").asText();
    }
    return n;
  }
}
