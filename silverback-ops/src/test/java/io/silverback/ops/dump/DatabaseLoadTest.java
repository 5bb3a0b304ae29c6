package io.silverback.ops.dump;

import static io.silverback.ops.dump.DumpFixtures.REGISTRY;
import static io.silverback.ops.dump.DumpFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.store.StoreEvent;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.NextRelease;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseLoadTest {
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
    store.loadAll(DumpFixtures.consumers(300));
    expected = json(store.export());
    target = Database.open(TARGET.conf());
  }

  @AfterAll
  static void close() {
    source.close();
    target.close();
  }

  @BeforeEach
  void emptyTarget() {
    DumpFixtures.execute(target, "DROP SCHEMA IF EXISTS public CASCADE");
    DumpFixtures.execute(target, "CREATE SCHEMA public");
  }

  @Test
  void aBuiltinDumpLoadsBackEntityForEntity() {
    LoadResult result = DatabaseLoad.into(target).load(dump(DumpMethod.BUILTIN), false);
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(result.method()).isEqualTo("builtin");
    assertThat(result.rows()).containsEntry("consumers", 302L).containsEntry("keyauth_credentials", 302L);
    assertThat(result.dumpLevel()).isEqualTo("1");
    assertThat(result.schemaLevel()).isEqualTo("1");
    assertThat(result.migrated()).isEmpty();
  }

  @Test
  void aBuiltinDumpInCopyTextAsEarlierBuildsWroteItStillLoads() throws Exception {
    Path dump = dump(DumpMethod.BUILTIN);
    DumpLayout layout = DumpLayout.read(dump);
    List<DumpLayout.TableDump> text = new java.util.ArrayList<>();
    try (java.sql.Connection c = source.dataSource().getConnection()) {
      for (DumpLayout.TableDump t : layout.tables()) {
        try (OutputStream out = Files.newOutputStream(dump.resolve(t.file()))) {
          c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut("COPY " + SchemaTables.qualified("public",
              t.name()) + " (" + SchemaTables.columnList(t.columns()) + ") TO STDOUT", out);
        }
        text.add(new DumpLayout.TableDump(t.name(), t.columns(), t.rows(), t.file()));
      }
    }
    new DumpLayout(layout.method(), layout.schemaLevel(), layout.serverVersion(), layout.schema(), text).write(dump);
    assertThat(Files.readString(dump.resolve("dump.json"))).doesNotContain("binary");
    DatabaseLoad.into(target).load(dump, false);
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
  }

  @Test
  void aBuiltinTableThatDumpJsonCallsEmptyButWhoseFileHoldsRowsLeavesTheTargetAsItWas() {
    Path dump = dump(DumpMethod.BUILTIN);
    DumpLayout layout = DumpLayout.read(dump);
    new DumpLayout(layout.method(), layout.schemaLevel(), layout.serverVersion(), layout.schema(), layout.tables()
        .stream().map(t -> t.name().equals("services") ? t.withRows(0) : t).toList()).write(dump);
    assertUnchangedAfterFailedLoad(dump, "table services: " + dump + "/tables/services.copy holds rows, dump.json says"
        + " none; the dump is damaged");
  }

  @Test
  void aTableFormatThisBuildDoesNotKnowIsRefused() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    editDumpJson(dump, "\"format\" : \"binary\"", "\"format\" : \"csv\"");
    assertUnchangedAfterFailedLoad(dump, "has format 'csv', which this Silverback cannot load (text or binary)");
  }

  @Test
  void aPgDumpLoadsBackEntityForEntity() {
    LoadResult result = DatabaseLoad.into(target).load(dump(DumpMethod.PG_DUMP), false);
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(result.method()).isEqualTo("pg_dump");
    assertThat(result.rows()).containsEntry("consumers", 302L);
  }

  @Test
  void aPgDumpStreamsFromItsTableOfContentsAndDataFilesWithNothingOnDisk() {
    DumpFiles plain = DumpFiles.in(dump(DumpMethod.PG_DUMP));
    List<String> read = new CopyOnWriteArrayList<>();
    DumpFiles streamed = new DumpFiles() {
      @Override
      public void copyTo(String relative, OutputStream sink) throws IOException {
        read.add(relative);
        plain.copyTo(relative, sink);
      }

      @Override
      public String where() {
        return "a stream";
      }
    };
    try (PendingLoad pending = DatabaseLoad.into(target).begin("1", false)) {
      assertThat(pending.load(streamed).rows()).containsEntry("consumers", 302L);
    }
    assertThat(json(DumpFixtures.store(target).export())).isEqualTo(expected);
    assertThat(read).contains("dump.json", "pg_dump/toc.dat").filteredOn(f -> f.matches("pg_dump/[0-9]+\\.dat"))
        .hasSize(DumpLayout.read(plain).tables().size());
  }

  @Test
  void aPgDumpDataFileWithABadRowLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.PG_DUMP);
    Path file = largest(dump.resolve("pg_dump"));
    List<String> lines = Files.readAllLines(file);
    lines.set(150, lines.get(150).replaceFirst("^[0-9a-f-]{36}", "not-a-uuid"));
    Files.write(file, lines);
    assertUnchangedAfterFailedLoad(dump, "of " + dump + "/pg_dump/" + file.getFileName() + " does not load");
  }

  @Test
  void aPgDumpWhoseTableOfContentsIsDamagedLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.PG_DUMP);
    Path toc = dump.resolve("pg_dump/toc.dat");
    byte[] bytes = Files.readAllBytes(toc);
    Files.write(toc, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertUnchangedAfterFailedLoad(dump, dump + "/pg_dump/toc.dat is not a readable pg_dump table of contents");
  }

  @Test
  void aTargetHoldingEntitiesIsRefusedUnlessReplacing() {
    Path dump = dump(DumpMethod.BUILTIN);
    PostgresStore other = DumpFixtures.migratedStore(target);
    other.loadAll(DumpFixtures.consumers(3));
    String before = json(other.export());
    assertThatThrownBy(() -> DatabaseLoad.into(target).load(dump, false))
        .isInstanceOf(DumpException.class)
        .hasMessage("schema 'public' holds 6 rows; a restore replaces them all, confirm to proceed (--yes)");
    assertThat(json(other.export())).isEqualTo(before);
    DatabaseLoad.into(target).load(dump, true);
    assertThat(json(other.export())).isEqualTo(expected);
  }

  @Test
  void replacingTellsEveryListeningNodeToReload() throws Exception {
    Path dump = dump(DumpMethod.BUILTIN);
    PostgresStore node = DumpFixtures.migratedStore(target);
    List<StoreEvent> events = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = node.subscribe(events::add)) {
      waitFor(() -> !events.isEmpty());
      events.clear();
      DatabaseLoad.into(target).load(dump, true);
      waitFor(() -> !events.isEmpty());
      assertThat(events).containsExactly(StoreEvent.reload());
      assertThat(node.count("consumers")).isEqualTo(302);
    } finally {
      node.close();
    }
  }

  @Test
  void theLoadedSchemaHasExactlyTheKeysConstraintsAndIndexesOfTheMigratedOne() {
    DatabaseLoad.into(target).load(dump(DumpMethod.BUILTIN), false);
    assertThat(catalog(target)).isNotEmpty().isEqualTo(catalog(source));
  }

  @Test
  void aDumpAtALevelThisBuildShipsNoSplitForLoadsIntoTheWholeSchemaItsMigrationsBuild() {
    // The pretend next release's level 2 has no db/restore split: the private schema is built whole,
    // and the keys of the tables that get rows are taken off before the load and put back after.
    Map<String, String> level2 = Map.of("pg_schema", "level2");
    try (Database from = Database.open(SOURCE.conf(level2)); Database into = Database.open(TARGET.conf(level2))) {
      NextRelease.migrations(from.dataSource(), "level2").bootstrap();
      PostgresStore store = DumpFixtures.store(from);
      store.loadAll(DumpFixtures.shop());
      store.loadAll(DumpFixtures.consumers(30));
      Path d = dir.resolve("level2");
      try (DatabaseSnapshot s = DatabaseSnapshot.open(from, REGISTRY)) {
        s.dump(d, DumpMethod.BUILTIN, 2, n -> { });
      }
      LoadResult result = DatabaseLoad.into(into.dataSource(), "level2", s -> NextRelease.migrations(into.dataSource(), s))
          .load(d, false);
      assertThat(result.dumpLevel()).isEqualTo("2");
      assertThat(json(DumpFixtures.store(into).export())).isEqualTo(json(store.export()));
      assertThat(catalog(into, "level2")).isNotEmpty().isEqualTo(catalog(from, "level2"));
    } finally {
      DumpFixtures.execute(target, "DROP SCHEMA IF EXISTS level2 CASCADE");
    }
  }

  @Test
  void aDuplicateKeyInAUniqueColumnLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    editTable(dump, "consumers", rows -> rows.replaceAll(row -> CopyBinary.editText(row, text -> text.equals("user-8")
        ? "user-7" : text.replace("\"username\":\"user-8\"", "\"username\":\"user-7\""))));
    assertUnchangedAfterFailedLoad(dump, "consumers_username_key");
  }

  @Test
  void aRowThatDoesNotLoadLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    Path file = editTable(dump, "keyauth_credentials",
        rows -> rows.get(150).set(0, "not-a-uuid".getBytes(StandardCharsets.UTF_8)));
    assertUnchangedAfterFailedLoad(dump, "table keyauth_credentials of " + file + " does not load");
  }

  @Test
  void aTruncatedTableFileLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    Path file = editTable(dump, "consumers", rows -> rows.subList(100, rows.size()).clear());
    assertUnchangedAfterFailedLoad(dump, "table consumers: " + file + " holds 100 rows, dump.json says 302");
  }

  @Test
  void aCredentialWhoseConsumerIsMissingLeavesTheTargetAsItWas() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    editTable(dump, "consumers", rows -> rows.removeIf(row -> CopyBinary.mentions(row, "\"username\":\"user-42\"")));
    DumpLayout layout = DumpLayout.read(dump);
    new DumpLayout(layout.method(), layout.schemaLevel(), layout.serverVersion(), layout.schema(), layout.tables()
        .stream().map(t -> t.name().equals("consumers")
            ? t.withRows(t.rows() - 1) : t).toList()).write(dump);
    assertUnchangedAfterFailedLoad(dump, "violates foreign key constraint");
  }

  @Test
  void aTableThatDumpJsonCallsEmptyButWhoseFileHoldsRowsLeavesTheTargetAsItWas() {
    Path dump = dump(DumpMethod.PG_DUMP);
    DumpLayout layout = DumpLayout.read(dump);
    new DumpLayout(layout.method(), layout.schemaLevel(), layout.serverVersion(), layout.schema(), layout.tables()
        .stream().map(t -> t.name().equals("consumers") ? t.withRows(0) : t)
        .toList()).write(dump);
    assertUnchangedAfterFailedLoad(dump, "holds rows, dump.json says none; the dump is damaged");
  }

  @Test
  void aDumpFromANewerSchemaLevelIsRefused() throws IOException {
    Path dump = dump(DumpMethod.BUILTIN);
    editDumpJson(dump, "\"schema_level\" : \"1\"", "\"schema_level\" : \"99\"");
    assertUnchangedAfterFailedLoad(dump, "schema level 99 is not one this build knows (it ships up to 1)");
  }

  @Test
  void aFileThatFailsItsCheckAfterEveryRowWasStreamedLeavesTheTargetAsItWas() {
    DumpFiles plain = DumpFiles.in(dump(DumpMethod.BUILTIN));
    DumpFiles failingAtTheEnd = new DumpFiles() {
      @Override
      public void copyTo(String relative, OutputStream sink) throws IOException {
        plain.copyTo(relative, sink);
        if (relative.equals("tables/consumers.copy")) {
          throw new IllegalStateException("tables/consumers.copy fails its SHA-256 check");
        }
      }

      @Override
      public String where() {
        return "a checked source";
      }
    };
    PostgresStore other = DumpFixtures.migratedStore(target);
    other.loadAll(DumpFixtures.consumers(3));
    String before = json(other.export());
    assertThatThrownBy(() -> {
      try (PendingLoad pending = DatabaseLoad.into(target).begin("1", true)) {
        pending.load(failingAtTheEnd);
      }
    }).hasMessageContaining("consumers.copy fails its SHA-256 check");
    assertThat(json(other.export())).isEqualTo(before);
    assertThat(schemas()).containsExactly("public");
  }

  private void assertUnchangedAfterFailedLoad(Path dump, String message) {
    PostgresStore other = DumpFixtures.migratedStore(target);
    other.loadAll(DumpFixtures.consumers(3));
    String before = json(other.export());
    assertThatThrownBy(() -> DatabaseLoad.into(target).load(dump, true))
        .isInstanceOf(DumpException.class).hasMessageContaining(message);
    assertThat(json(other.export())).isEqualTo(before);
    assertThat(schemas()).containsExactly("public");
  }

  /** Replaces every {@code from} in the {@code dump.json} of {@code dump} with {@code to}. */
  private static void editDumpJson(Path dump, String from, String to) throws IOException {
    Path json = dump.resolve("dump.json");
    Files.writeString(json, Files.readString(json).replace(from, to));
  }

  /** Rewrites the rows of {@code table} in the builtin dump {@code dump} with {@code edit}; returns the file. */
  private static Path editTable(Path dump, String table, Consumer<List<List<byte[]>>> edit) throws IOException {
    Path file = dump.resolve("tables/" + table + ".copy");
    List<List<byte[]>> rows = CopyBinary.rows(file);
    edit.accept(rows);
    CopyBinary.write(file, rows);
    return file;
  }

  private Path dump(DumpMethod method) {
    Path d = dir.resolve("dump");
    try (DatabaseSnapshot s = DatabaseSnapshot.open(source, REGISTRY)) {
      s.dump(d, method, 2, n -> { });
    }
    return d;
  }

  private static Path largest(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".dat"))
          .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
  }

  /**
   * The keys, constraints (with their deferrability) and indexes (with whether they check at once)
   * of the tables in a database's schema, as the catalog describes them.
   */
  private static List<String> catalog(Database db) {
    return catalog(db, "public");
  }

  /** As {@link #catalog(Database)}, for schema {@code schema} (a plain name), which the definitions do not name. */
  private static List<String> catalog(Database db, String schema) {
    String sql = "SELECT t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.condeferrable"
        + " || ' ' || c.condeferred || ' ' || c.convalidated FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
        + " WHERE c.connamespace = '" + schema + "'::regnamespace"
        + " UNION ALL SELECT t.relname || ' ' || pg_get_indexdef(i.indexrelid) || ' ' || i.indisprimary || ' '"
        + " || i.indimmediate || ' ' || i.indisvalid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
        + " WHERE t.relnamespace = '" + schema + "'::regnamespace"
        + " UNION ALL SELECT t.relname || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
        + " || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
        + " JOIN pg_class t ON t.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE t.relnamespace = '" + schema + "'::regnamespace AND t.relkind = 'r' AND a.attnum > 0"
        + " AND NOT a.attisdropped ORDER BY 1";
    return DumpFixtures.column(db, sql);
  }

  private static List<String> schemas() {
    return DumpFixtures.column(target, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
        + " AND nspname <> 'information_schema' ORDER BY 1");
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

}
