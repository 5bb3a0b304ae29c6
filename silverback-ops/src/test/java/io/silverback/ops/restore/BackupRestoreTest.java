package io.silverback.ops.restore;

import static io.silverback.ops.dump.DumpFixtures.REGISTRY;
import static io.silverback.ops.dump.DumpFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupCreate;
import io.silverback.ops.backup.BackupException;
import io.silverback.ops.backup.BackupOptions;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.BundleFacts;
import io.silverback.ops.backup.BundleWriter;
import io.silverback.ops.backup.Secret;
import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.ops.dump.DumpFixtures;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.ops.dump.PendingLoad;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.NextRelease;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {
  @RegisterExtension
  static final TestDatabase SOURCE = new TestDatabase();
  @RegisterExtension
  static final TestDatabase TARGET = new TestDatabase();
  static Database source;
  static Database target;
  static String expected;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    source = Database.open(SOURCE.conf());
    PostgresStore store = DumpFixtures.migratedStore(source);
    store.loadAll(DumpFixtures.shop());
    expected = json(store.export());
    target = Database.open(TARGET.conf());
  }

  @AfterAll
  static void close() {
    source.close();
    target.close();
  }

  @BeforeEach
  void emptyTarget() throws SQLException {
    try (Connection c = target.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
  }

  @Test
  void nativeRestoreOfABuiltinDumpBringsBackEveryEntityAndSaysWhatAndHowLong() {
    AtomicLong clock = new AtomicLong();
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    try (Bundle b = Bundle.open(bundle, null)) {
      RestoreResult r = new BackupRestore(REGISTRY, () -> clock.getAndAdd(1_500_000_000L), line -> { })
          .nativeLoad(b, DatabaseLoad.into(target), "the target", false);
      assertThat(r.mode()).isEqualTo(RestoreMode.NATIVE);
      assertThat(r.counts()).containsEntry("services", 2).containsEntry("consumers", 2).doesNotContainKey("parameters")
          .doesNotContainKey("silverback_migrations");
      assertThat(r.took().toMillis()).isEqualTo(1500);
      assertThat(r.notes()).first().isEqualTo("loaded the builtin dump taken at schema level 1");
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
  }

  @Test
  void nativeRestoreOfAnEncryptedArchiveStreamsEveryTableBack() throws IOException {
    Path keyFile = Files.writeString(dir.resolve("bundle.key"), "ab".repeat(32));
    Path bundle = new BackupCreate(REGISTRY, Clock.systemUTC(), System::nanoTime).fromDatabase(source, null,
        BackupOptions.into(dir.resolve("backups")).withDumpMethod(DumpMethod.BUILTIN).withArchive(true)
            .withSecret(Secret.ofKeyFile(keyFile))).bundle().path();
    List<String> steps = new ArrayList<>();
    try (Bundle b = Bundle.open(bundle, Secret.ofKeyFile(keyFile))) {
      new BackupRestore(REGISTRY, steps::add).nativeLoad(b, DatabaseLoad.into(target), "the target", false);
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(steps).noneMatch(step -> step.startsWith("Extracting"));
  }

  @Test
  void aNativeRestoreNeverBuildsTheEntitySchemas() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    AtomicInteger asked = new AtomicInteger();
    try (Bundle b = Bundle.open(bundle, null)) {
      RestoreResult r = new BackupRestore(() -> {
        asked.incrementAndGet();
        return REGISTRY;
      }, line -> { }).nativeLoad(b, DatabaseLoad.into(target), "the target", false);
      assertThat(r.counts()).containsEntry("services", 2);
    }
    assertThat(asked).hasValue(0);
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
  }

  @Test
  void nativeRestoreOfAPgDumpBringsBackEveryEntity() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.PG_DUMP, dir);
    try (Bundle b = Bundle.open(bundle, null)) {
      new BackupRestore(REGISTRY).nativeLoad(b, DatabaseLoad.into(target), "the target", false);
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
  }

  @Test
  void aLoadBegunBeforeTheBundleOpenedIsTakenOverWhenTheBundleIsAtItsLevel() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    DatabaseLoad load = DatabaseLoad.into(target);
    PendingLoad begun = load.begin(load.latestLevel(), false);
    List<String> steps = new ArrayList<>();
    try (Bundle b = Bundle.open(bundle, null)) {
      new BackupRestore(REGISTRY, steps::add).nativeLoad(b, load, "the target", false, begun);
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(steps).isNotEmpty().noneMatch(step -> step.startsWith("Building schema"));
    assertThat(schemas()).containsExactly("public");
  }

  @Test
  void aLoadBegunAtAnotherLevelIsDroppedAndTheBundleLoadsAtItsOwn() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    DatabaseLoad next = DatabaseLoad.into(target.dataSource(), target.schema(),
        s -> NextRelease.migrations(target.dataSource(), s));
    assertThat(next.latestLevel()).isEqualTo("2");
    PendingLoad begun = next.begin(next.latestLevel(), false);
    List<String> steps = new ArrayList<>();
    try (Bundle b = Bundle.open(bundle, null)) {
      RestoreResult r = new BackupRestore(REGISTRY, steps::add).nativeLoad(b, next, "the target", false, begun);
      assertThat(r.notes()).contains("migrated forward to level 2: V2__next_release_column");
    }
    assertThat(steps).contains("Building schema 'public_sb_restore' at level 1");
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(schemas()).containsExactly("public");
  }

  @Test
  void aTamperedBundleIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    Path stored = bundle.resolve("database/tables/services.copy.zst");
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 1;
    Files.write(stored, bytes);
    try (Bundle b = Bundle.open(bundle, null)) {
      assertThatThrownBy(() -> new BackupRestore(REGISTRY).nativeLoad(b, DatabaseLoad.into(target), "t", true))
          .isInstanceOf(BackupException.class).hasMessageContaining("database/tables/services.copy.zst");
      assertThatThrownBy(() -> new BackupRestore(REGISTRY).declarative(b, target, true))
          .isInstanceOf(BackupException.class).hasMessageContaining("database/tables/services.copy.zst");
    }
    assertThat(tables()).isEmpty();
  }

  @Test
  void declarativeRestoreBootstrapsAFreshDatabaseAndImportsEveryEntity() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    try (Bundle b = Bundle.open(bundle, null)) {
      RestoreResult r = new BackupRestore(REGISTRY).declarative(b, target, false);
      assertThat(r.notes()).first().isEqualTo("bootstrapped schema 'public'");
      assertThat(r.counts()).containsEntry("routes", 2);
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
  }

  @Test
  void declarativeRestoreRefusesADatabaseHoldingEntitiesUnlessConfirmedAndThenReplacesThem() {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    new Migrations(target.dataSource(), target.schema()).bootstrap();
    PostgresStore other = DumpFixtures.store(target);
    other.insert("consumers", Json.MAPPER.createObjectNode().put("username", "stranger"));
    try (Bundle b = Bundle.open(bundle, null)) {
      assertThatThrownBy(() -> new BackupRestore(REGISTRY).declarative(b, target, false))
          .isInstanceOf(RestoreException.class).hasMessageContaining("it holds 1 entities; a restore replaces them");
      new BackupRestore(REGISTRY).declarative(b, target, true);
    }
    assertThat(json(other.export())).isEqualTo(expected);
  }

  @Test
  void dblessRestoreWritesTheDeclarativeConfigAtomicallyForTheNode() throws IOException {
    Path bundle = TestBundles.of(source, REGISTRY, DumpMethod.BUILTIN, dir);
    Path file = dir.resolve("kong.json");
    Files.writeString(file, "old");
    try (Bundle b = Bundle.open(bundle, null)) {
      RestoreResult r = new BackupRestore(REGISTRY).dblessFile(b, file);
      assertThat(r.target()).isEqualTo(file.toString());
    }
    Config restored = DeclarativeConfigParser.of(REGISTRY).parseFile(file).orThrow().config();
    assertThat(json(restored)).isEqualTo(expected);
    assertThat(Files.readString(file)).startsWith("{");
    assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
  }

  @Test
  void aBundleWithoutADumpCannotBeRestoredNatively() throws IOException {
    Path bundle;
    try (BundleWriter writer = BundleWriter.start(dir, Instant.now(), null, false)) {
      writer.add("declarative", "kong.yml", out -> out.write("_format_version: \"3.0\"\n".getBytes()));
      bundle = writer.finish(new BundleFacts("off", null, null, null,
          Map.of(), null, List.of())).path();
    }
    try (Bundle b = Bundle.open(bundle, null)) {
      assertThatThrownBy(() -> new BackupRestore(REGISTRY).nativeLoad(b, DatabaseLoad.into(target), "t", true))
          .isInstanceOf(RestoreException.class).hasMessageContaining("holds no database dump (mode 'off')");
    }
  }

  private static List<String> tables() {
    return DumpFixtures.column(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  }

  /** The schemas of the target named like its own: its private ones would show here. */
  private static List<String> schemas() {
    return DumpFixtures.column(target, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'public%' ORDER BY 1");
  }

}
