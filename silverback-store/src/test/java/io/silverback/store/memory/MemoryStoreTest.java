package io.silverback.store.memory;

import static io.silverback.store.ContractFixture.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import io.silverback.store.ImportSummary;
import io.silverback.store.KongError;
import io.silverback.store.PageRequest;
import io.silverback.store.Store;
import io.silverback.store.StoreContractTest;
import io.silverback.store.StoreEvent;
import io.silverback.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MemoryStoreTest extends StoreContractTest {
  private static final long WAIT_SECONDS = 5;

  @Override
  protected Store storeHolding(Config config) {
    return new MemoryStore(config);
  }

  @Test
  void isKongsOffStrategy() {
    assertThat(store().strategy()).isEqualTo("off");
  }

  @Test
  void refusesEverySingleEntityWriteWithKongsDbLessMessage() {
    String id = CONFIG.all("services").iterator().next().id();
    assertUnsupported(() -> store().insert("services", Json.object().put("host", "example.com")),
        "cannot create 'services' entities when not using a database");
    assertUnsupported(() -> store().update("routes", id, Json.object()),
        "cannot update 'routes' entities when not using a database");
    assertUnsupported(() -> store().upsert("consumers", id, Json.object()),
        "cannot create or update 'consumers' entities when not using a database");
    assertUnsupported(() -> store().delete("services", id),
        "cannot remove 'services' entities when not using a database");
    assertThat(store().count("services")).isEqualTo(CONFIG.count("services"));
  }

  @Test
  void refusesAnIncrementalLoadAndPointsToTheConfigEndpoint() {
    assertUnsupported(() -> store().loadAll(CONFIG), "cannot import entities when not using a database;"
        + " reload the declarative configuration using the /config endpoint");
  }

  @Test
  void refusesANestedListingByAFieldThatIsNotAForeignKey() {
    assertThatThrownBy(() -> store().page("routes", PageRequest.first().withForeign("name", "x")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OPTIONS));
  }

  @Test
  void replaceAllSwapsTheContentAndTellsSubscribersToReload() throws Exception {
    Config next = withoutService(CONFIG, "status", parse("services: [{name: search, host: search.internal}]"));
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      BlockingQueue<StoreEvent> heard = new LinkedBlockingQueue<>();
      store.subscribe(heard::add);
      store.replaceAll(next);
      assertThat(heard.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(StoreEvent.reload());
      assertThat(store.export()).isSameAs(next);
      assertThat(store.find("services", "status")).isEmpty();
      assertThat(store.find("services", "search")).isPresent();
      assertThat(store.page("services", PageRequest.first()).data()).extracting(e -> e.text("name"))
          .containsExactlyInAnyOrder("catalog", "orders", "billing", "search");
    }
  }

  @Test
  void replaceAllCountsCreatedChangedAndDeletedEntitiesById() {
    Config next = withoutService(CONFIG, "status", parse("services: [{name: search, host: search.internal}]"));
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      ImportSummary summary = store.replaceAll(next);
      assertThat(summary.created()).isEqualTo(Map.of("services", 1));
      assertThat(summary.deleted()).isEqualTo(Map.of("services", 1));
      assertThat(summary.updated()).as("entities kept as they were are not updates").isEmpty();
    }
  }

  @Test
  void replaceAllCountsAnEntityWhoseFieldsChangedAsUpdated() {
    Entity status = CONFIG.all("services").stream().filter(e -> "status".equals(e.text("name"))).findFirst().orElseThrow();
    Entity changed = new Entity("services", status.id(), status.copy().put("retries", 9));
    Config.Builder b = Config.builder(CONFIG.registry());
    CONFIG.registry().ordered().forEach(s -> CONFIG.all(s.name()).forEach(b::put));
    b.put(changed);
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      ImportSummary summary = store.replaceAll(b.build());
      assertThat(summary.updated()).isEqualTo(Map.of("services", 1));
      assertThat(summary.created()).isEmpty();
      assertThat(summary.deleted()).isEmpty();
    }
  }

  @Test
  void replacingWithAnEmptyConfigDeletesEverything() {
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      ImportSummary summary = store.replaceAll(Config.empty(CONFIG.registry()));
      assertThat(summary.totalDeleted()).isEqualTo(CONFIG.size());
      assertThat(summary.totalCreated() + summary.totalUpdated()).isZero();
      assertThat(store.count("consumers")).isZero();
    }
  }

  @Test
  void aSlowSubscriberNeverBlocksReplaceAll() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch delivered = new CountDownLatch(2);
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      store.subscribe(event -> {
        awaitQuietly(release);
        delivered.countDown();
      });
      assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS), () -> {
        store.replaceAll(CONFIG);
        store.replaceAll(CONFIG);
      });
      release.countDown();
      assertThat(delivered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() throws Exception {
    AtomicInteger closedHeard = new AtomicInteger();
    CountDownLatch laterHeard = new CountDownLatch(1);
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      store.subscribe(event -> closedHeard.incrementAndGet()).close();
      store.subscribe(event -> laterHeard.countDown());
      store.replaceAll(CONFIG);
      assertThat(laterHeard.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(closedHeard).hasValue(0);
    }
  }

  @Test
  void aFailingSubscriberDoesNotSilenceTheOthers() throws Exception {
    CountDownLatch heard = new CountDownLatch(2);
    try (MemoryStore store = new MemoryStore(CONFIG)) {
      store.subscribe(event -> {
        throw new IllegalStateException("listener bug");
      });
      store.subscribe(event -> heard.countDown());
      store.replaceAll(CONFIG);
      store.replaceAll(CONFIG);
      assertThat(heard.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  @Timeout(20)
  void pagesAHundredThousandConsumersWithoutSortingOnEveryRequest() {
    Config.Builder big = Config.builder(CONFIG.registry());
    for (int i = 0; i < 100_000; i++) {
      String id = UUID.randomUUID().toString();
      big.put(new Entity("consumers", id, Json.object().put("id", id).put("username", "user-" + i)));
    }
    Config config = big.build();
    List<String> expected = config.all("consumers").stream().map(Entity::id).sorted().toList();
    try (MemoryStore store = new MemoryStore(config)) {
      assertThat(walk(store, "consumers", PageRequest.first().withSize(100))).extracting(Entity::id)
          .containsExactlyElementsOf(expected);
      assertThat(store.find("consumers", "user-99999")).isPresent();
    }
  }

  private static void assertUnsupported(ThrowingCallable write, String message) {
    assertThatThrownBy(write).isInstanceOfSatisfying(StoreException.class, e -> {
      assertThat(e.error()).isEqualTo(KongError.OPERATION_UNSUPPORTED);
      assertThat(e.error().code()).isEqualTo(12);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  private static Config parse(String yaml) {
    return DeclarativeConfigParser.of(CONFIG.registry()).parseString("_format_version: \"3.0\"\n" + yaml)
        .orThrow().config();
  }

  /** {@code base} without the service named {@code name} (which has no children) plus {@code extra}. */
  private static Config withoutService(Config base, String name, Config extra) {
    Config.Builder b = Config.builder(base.registry());
    for (EntitySchema schema : base.registry().ordered()) {
      base.all(schema.name()).stream()
          .filter(e -> !(schema.name().equals("services") && name.equals(e.text("name"))))
          .forEach(b::put);
      extra.all(schema.name()).forEach(b::put);
    }
    return b.build();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
