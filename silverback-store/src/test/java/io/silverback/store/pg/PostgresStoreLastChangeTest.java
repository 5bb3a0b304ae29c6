package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.schema.Json;
import io.silverback.store.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreLastChangeTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Test
  void theLastChangeIsTheLatestCreatedOrUpdatedTimestampOfAnyEntity() {
    TestClock clock = new TestClock(StoreFixtures.START);
    PostgresStore store = StoreFixtures.migratedStore(DB.dataSource(), clock);
    assertThat(store.lastChange()).isEmpty();
    String id = store.insert("services", Json.MAPPER.createObjectNode().put("name", "a").put("host", "a.test")).id();
    assertThat(store.lastChange()).contains(StoreFixtures.START);
    clock.advance(Duration.ofMinutes(3));
    store.insert("consumers", Json.MAPPER.createObjectNode().put("username", "alice"));
    clock.advance(Duration.ofMinutes(2));
    store.update("services", id, Json.MAPPER.createObjectNode().put("retries", 2));
    assertThat(store.lastChange()).contains(StoreFixtures.START.plus(Duration.ofMinutes(5)));
  }
}
