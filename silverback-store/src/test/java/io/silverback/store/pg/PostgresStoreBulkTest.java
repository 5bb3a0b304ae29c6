package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.ImportSummary;
import io.silverback.store.KongError;
import io.silverback.store.PageRequest;
import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk loads ({@code loadAll}, {@code replaceAll}, dry runs) and exports: what they count, that
 * they are all or nothing, that constraints are checked at commit, and that expired entities
 * stay out of reads.
 */
class PostgresStoreBulkTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  static final String ALPHA = "10000000-0000-4000-8000-000000000001";
  static final String BETA = "10000000-0000-4000-8000-000000000002";
  /** Not a whole second, so millisecond timestamps keep their fraction. */
  static final TestClock CLOCK = new TestClock(StoreFixtures.START.plusMillis(250));
  static final String BASE = """
      _format_version: "3.0"
      services:
      - id: %s
        name: alpha
        host: a.internal
        port: %d
        routes:
        - name: alpha-route
          paths: [/a]
        plugins:
        - name: cors
      - id: %s
        name: beta
        host: b.internal
      consumers:
      - username: carol
        keyauth_credentials:
        - id: 10000000-0000-4000-8000-00000000000c
          key: carol-key
      upstreams:
      - name: up.internal
        targets:
        - target: 10.0.0.1:80
      """;

  static PostgresStore store;

  @BeforeAll
  static void openStore() {
    store = StoreFixtures.migratedStore(DB.dataSource(), CLOCK);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void emptyTheStore() {
    store.replaceAll(Config.empty(StoreFixtures.REGISTRY));
  }

  /** The base config; credentials carry an id because Kong gives one with an auto key a random id. */
  static Config base(int alphaPort) {
    return StoreFixtures.config(BASE.formatted(ALPHA, alphaPort, BETA), CLOCK);
  }

  @Test
  void loadAllIntoAnEmptyStoreCreatesEveryEntity() {
    ImportSummary summary = store.loadAll(base(80));
    assertThat(summary.created()).containsExactlyInAnyOrderEntriesOf(Map.of("services", 2, "routes", 1,
        "consumers", 1, "plugins", 1, "upstreams", 1, "targets", 1, "keyauth_credentials", 1));
    assertThat(summary.updated()).isEmpty();
    assertThat(summary.deleted()).isEmpty();
    assertThat(store.count("services")).isEqualTo(2);
    assertThat(store.find("routes", "alpha-route")).isPresent();
  }

  @Test
  void loadingTheSameConfigAgainChangesNothing() {
    Config config = base(80);
    store.loadAll(config);
    ImportSummary again = store.loadAll(config);
    assertThat(again.totalCreated() + again.totalUpdated() + again.totalDeleted()).isZero();
    ImportSummary reparsed = store.loadAll(base(80));
    assertThat(reparsed.totalCreated() + reparsed.totalUpdated() + reparsed.totalDeleted()).isZero();
  }

  @Test
  void reimportingAFileWithoutTimestampsLaterChangesNothingAndKeepsTheStoredTimes() {
    store.loadAll(base(80));
    String before = StoreFixtures.dump(store);
    CLOCK.advance(Duration.ofHours(5));
    ImportSummary later = store.loadAll(base(80));
    assertThat(later.totalCreated() + later.totalUpdated()).isZero();
    assertThat(StoreFixtures.dump(store)).isEqualTo(before);
  }

  @Test
  void anImportThatChangesAnEntityKeepsItsCreationTime() {
    store.loadAll(base(80));
    long created = store.select("services", ALPHA).orElseThrow().get("created_at").asLong();
    CLOCK.advance(Duration.ofHours(5));
    store.loadAll(base(8080));
    Entity alpha = store.select("services", ALPHA).orElseThrow();
    assertThat(alpha.get("port").asInt()).isEqualTo(8080);
    assertThat(alpha.get("created_at").asLong()).isEqualTo(created);
    assertThat(alpha.get("updated_at").asLong()).isGreaterThan(created);
  }

  @Test
  void replaceAllTakesTheTimestampsOfTheNewConfig() {
    store.loadAll(base(80));
    CLOCK.advance(Duration.ofHours(5));
    Config later = base(8080);
    store.replaceAll(later);
    assertThat(store.select("services", ALPHA).orElseThrow().get("created_at"))
        .isEqualTo(later.get("services", ALPHA).orElseThrow().get("created_at"));
  }

  @Test
  void changingOneEntityUpdatesOnlyThatEntity() {
    store.loadAll(base(80));
    ImportSummary summary = store.loadAll(base(8080));
    assertThat(summary.created()).isEmpty();
    assertThat(summary.updated()).containsExactly(Map.entry("services", 1));
    assertThat(store.select("services", ALPHA).orElseThrow().get("port").asInt()).isEqualTo(8080);
  }

  @Test
  void replaceAllDeletesWhatTheConfigLacksAndKeepsTheRest() {
    store.loadAll(base(80));
    Config smaller = StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - id: %s
          name: alpha
          host: a.internal
          routes:
          - name: alpha-route
            paths: [/a]
          plugins:
          - name: cors
        upstreams:
        - name: up.internal
          targets:
          - target: 10.0.0.1:80
        """.formatted(ALPHA), CLOCK);
    ImportSummary summary = store.replaceAll(smaller);
    assertThat(summary.deleted()).containsOnly(Map.entry("services", 1), Map.entry("consumers", 1),
        Map.entry("keyauth_credentials", 1));
    assertThat(summary.created()).isEmpty();
    assertThat(summary.updated()).isEmpty();
    assertThat(store.select("services", BETA)).isEmpty();
    assertThat(store.find("consumers", "carol")).isEmpty();
    assertThat(store.select("services", ALPHA)).isPresent();
    assertThat(store.find("routes", "alpha-route")).isPresent();
    assertThat(store.count("targets")).isEqualTo(1);
  }

  @Test
  void twoServicesSwapTheirNamesInOneLoad() {
    store.loadAll(base(80));
    ImportSummary summary = store.loadAll(StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - {id: %s, name: beta, host: a.internal}
        - {id: %s, name: alpha, host: b.internal}
        """.formatted(ALPHA, BETA), CLOCK));
    assertThat(summary.updated()).containsExactly(Map.entry("services", 2));
    assertThat(store.find("services", "beta")).map(Entity::id).hasValue(ALPHA);
    assertThat(store.find("services", "alpha")).map(Entity::id).hasValue(BETA);
  }

  @Test
  void aLoadThatConflictsWithAStoredRowFailsAndLeavesTheDatabaseExactlyAsBefore() {
    store.loadAll(base(80));
    String before = StoreFixtures.dump(store);
    Config conflicting = StoreFixtures.config("""
        _format_version: "3.0"
        consumers:
        - username: dave
        services:
        - id: %s
          name: beta
          host: b.internal
          port: 9999
        - id: 10000000-0000-4000-8000-000000000003
          name: alpha
          host: elsewhere.internal
        """.formatted(BETA), CLOCK);

    assertThatThrownBy(() -> store.loadAll(conflicting))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION);
          assertThat(e.entityType()).hasValue("services");
        })
        .hasMessage("UNIQUE violation detected on '{name=\"alpha\"}'");

    assertThat(StoreFixtures.dump(store)).isEqualTo(before);
  }

  @Test
  void aDryRunCountsWhatARealLoadDoesAndWritesNothing() {
    Config config = base(80);
    ImportSummary dry = store.dryRun(config, false);
    assertThat(store.export().isEmpty()).isTrue();
    assertThat(store.loadAll(config)).isEqualTo(dry);

    Config changed = base(8080);
    String before = StoreFixtures.dump(store);
    ImportSummary dryReplace = store.dryRun(changed, true);
    assertThat(StoreFixtures.dump(store)).isEqualTo(before);
    assertThat(store.replaceAll(changed)).isEqualTo(dryReplace);
  }

  @Test
  void aDryRunFindsTheConstraintViolationsOfARealLoad() {
    Config orphan = StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - {name: alpha, host: a.internal}
        - {name: alpha-too, host: a.internal}
        """, CLOCK);
    store.loadAll(orphan);
    Config clash = StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - {id: 10000000-0000-4000-8000-000000000009, name: alpha, host: a.internal}
        """, CLOCK);
    assertThatThrownBy(() -> store.dryRun(clash, false))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION));
  }

  @Test
  void exportOfALoadedConfigEqualsItEntityByEntity() {
    Config config = base(80);
    store.loadAll(config);
    Config exported = store.export();
    assertThat(exported.counts()).isEqualTo(config.counts());
    for (EntitySchema schema : StoreFixtures.REGISTRY.ordered()) {
      for (Entity e : config.all(schema.name())) {
        assertThat(exported.get(schema.name(), e.id())).as("%s %s", schema.name(), e.id())
            .hasValueSatisfying(x -> assertThat(x.fields()).isEqualTo(e.fields()));
      }
    }
  }

  @Test
  void anExpiredCredentialIsNeitherSelectedNorListedNorExported() {
    // The ttl is compared with the database's clock, so these are real epochs around now.
    long now = Instant.now().getEpochSecond();
    Config config = StoreFixtures.config("""
        _format_version: "3.0"
        consumers:
        - username: ttl
          keyauth_credentials:
          - {id: 20000000-0000-4000-8000-000000000001, key: expired, ttl: %d}
          - {id: 20000000-0000-4000-8000-000000000002, key: live, ttl: %d}
          - {id: 20000000-0000-4000-8000-000000000003, key: forever}
        """.formatted(now - Duration.ofHours(1).toSeconds(), now + Duration.ofHours(1).toSeconds()), CLOCK);
    store.loadAll(config);

    assertThat(store.select("keyauth_credentials", "20000000-0000-4000-8000-000000000001")).isEmpty();
    assertThat(store.find("keyauth_credentials", "expired")).isEmpty();
    assertThat(store.select("keyauth_credentials", "20000000-0000-4000-8000-000000000002")).isPresent();
    assertThat(store.find("keyauth_credentials", "live")).isPresent();
    assertThat(store.page("keyauth_credentials", PageRequest.first()).data()).extracting(e -> e.text("key"))
        .containsExactly("live", "forever");
    assertThat(store.count("keyauth_credentials")).isEqualTo(2);
    assertThat(store.export().all("keyauth_credentials")).extracting(e -> e.text("key"))
        .containsExactlyInAnyOrder("live", "forever");
    assertThat(store.export().get("keyauth_credentials", "20000000-0000-4000-8000-000000000002").orElseThrow()
        .get("ttl").asLong()).isEqualTo(now + Duration.ofHours(1).toSeconds());
  }
}
