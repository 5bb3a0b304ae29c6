package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.memory.MemoryStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /tags}, ttl and {@code custom_id} lookups over a DB-less store. */
class AdminDblessTagsTtlTest {
  static final String SERVICE_ID = "0b1b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static final String CONSUMER_ID = "1b1b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static final String LIVE_KEY_ID = "2b1b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static final String EXPIRED_KEY_ID = "3b1b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";
  static AdminClient admin;

  @BeforeAll
  static void start() {
    long now = Instant.now().getEpochSecond();
    String yaml = """
        _format_version: "3.0"
        services:
        - id: %s
          name: svc
          url: http://example.com
          tags: [a, b]
        consumers:
        - id: %s
          username: bob
          custom_id: bob-1
          tags: [a]
          keyauth_credentials:
          - id: %s
            key: live-key
            ttl: %d
          - id: %s
            key: expired-key
            ttl: %d
        """.formatted(SERVICE_ID, CONSUMER_ID, LIVE_KEY_ID, now + 1000, EXPIRED_KEY_ID, now - 10);
    EntityRegistry registry = EntityRegistry.standard();
    MemoryStore store = new MemoryStore(DeclarativeConfigParser.of(registry).parseString(yaml).orThrow().config());
    admin = AdminClient.start(new AdminContext(store, NodeConf.defaults(), AdminClient.NODE_ID),
        AdminOptions.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
  }

  @Test
  void tagsListsEveryTagByEntityIdThenPosition() {
    JsonNode first = admin.get("/tags?size=2").json();
    assertThat(first.get("data")).hasSize(2);
    assertThat(first.get("data").get(0).toString())
        .isEqualTo("{\"entity_name\":\"services\",\"entity_id\":\"" + SERVICE_ID + "\",\"tag\":\"a\"}");
    assertThat(first.get("data").get(1).get("tag").asText()).isEqualTo("b");
    JsonNode second = admin.get(first.get("next").asText()).json();
    assertThat(second.get("data")).hasSize(1);
    assertThat(second.get("data").get(0).get("entity_id").asText()).isEqualTo(CONSUMER_ID);
    assertThat(second.get("next").isNull()).isTrue();
  }

  @Test
  void tagsByTagListsOnlyTheEntitiesCarryingIt() {
    JsonNode page = admin.get("/tags/b").json();
    assertThat(page.get("data")).hasSize(1);
    assertThat(page.get("data").get(0).get("entity_name").asText()).isEqualTo("services");
    assertThat(admin.get("/tags/a").json().get("data")).hasSize(2);
  }

  @Test
  void aDeclarativeTtlShowsAsTheSecondsRemainingAndAnExpiredOneIsNotFound() {
    assertThat(admin.get("/key-auths/" + LIVE_KEY_ID).json().get("ttl").asLong()).isBetween(990L, 1000L);
    assertThat(admin.get("/key-auths/" + EXPIRED_KEY_ID).status()).isEqualTo(404);
  }

  @Test
  void customIdFindsTheConsumer() {
    JsonNode page = admin.get("/consumers?custom_id=bob-1").json();
    assertThat(page.get("data").get(0).get("id").asText()).isEqualTo(CONSUMER_ID);
    assertThat(admin.get("/consumers?custom_id=bob-2").json().get("data")).isEmpty();
  }
}
