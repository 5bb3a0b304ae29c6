package io.silverback.ops.dump;

import static io.silverback.ops.dump.DumpFixtures.REGISTRY;
import static io.silverback.ops.dump.DumpFixtures.compactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSnapshotTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static Database db;
  static PostgresStore store;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    db = Database.open(DB.conf());
    store = DumpFixtures.migratedStore(db);
    store.loadAll(DumpFixtures.shop());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void exportsTheBytesOfTheStoresExportOnOneLine() {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Map<String, Integer> counts = s.export(out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(compactJson(store.export()));
      assertThat(counts).containsExactlyEntriesOf(store.export().counts());
      assertThat(s.schemaLevel()).isEqualTo("1");
      assertThat(s.serverVersion()).matches("\\d+\\.\\d+");
    }
  }

  @Test
  void exportsARowWithEscapesAndNonAsciiTextAsStored() {
    // COPY's text format doubles the backslashes of JSON escapes; the row is unescaped as text
    ObjectNode zoe = Json.MAPPER.createObjectNode().put("username", "zoë \"q\" \\ é\t" + System.nanoTime());
    zoe.putArray("tags").add("ünï").add("a\\b");
    String id = store.insert("consumers", zoe).id();
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      String exported = exported(s);
      assertThat(exported).isEqualTo(compactJson(store.export())).contains("\"zoë \\\"q\\\" \\\\ é\\t");
    } finally {
      store.delete("consumers", id);
    }
  }

  @Test
  void seesNoWriteCommittedAfterItOpened() throws IOException {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      String before = compactJson(store.export());
      long consumers = store.count("consumers");
      ObjectNode carol = Json.MAPPER.createObjectNode().put("username", "carol-" + System.nanoTime());
      String id = store.insert("consumers", carol).id();
      try {
        assertThat(exported(s)).isEqualTo(before);
        DumpInfo info = s.dump(dir, DumpMethod.BUILTIN, 1, n -> { });
        assertThat(info.rows()).containsEntry("consumers", consumers);
        assertThat(CopyBinary.rows(dir.resolve("tables/consumers.copy"))).hasSize((int) consumers)
            .noneMatch(row -> CopyBinary.holdsUuid(row, id));
      } finally {
        store.delete("consumers", id);
      }
    }
  }

  @Test
  void builtinDumpOnSeveralConnectionsReadsTheExportedSnapshot() throws IOException, SQLException {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      long consumers = store.count("consumers");
      ObjectNode dave = Json.MAPPER.createObjectNode().put("username", "dave-" + System.nanoTime());
      String id = store.insert("consumers", dave).id();
      try {
        DumpInfo info = BuiltinDump.write(s, SchemaTables.read(s.connection(), db.schema(), REGISTRY), DumpTarget.in(dir), 3, 0,
            null);
        assertThat(info.rows()).containsEntry("consumers", consumers).containsEntry("routes", 2L);
        assertThat(CopyBinary.rows(dir.resolve("tables/consumers.copy"))).hasSize((int) consumers)
            .noneMatch(row -> CopyBinary.holdsUuid(row, id));
        assertThat(DumpLayout.read(dir).tables()).extracting(DumpLayout.TableDump::name)
            .containsExactlyElementsOf(info.rows().keySet());
      } finally {
        store.delete("consumers", id);
      }
    }
  }

  @Test
  void builtinDumpWritesOneCopyFilePerTableAndDescribesThem() throws IOException {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      DumpInfo info = s.dump(dir, DumpMethod.BUILTIN, 1, n -> { });
      assertThat(info.method()).isEqualTo("builtin");
      assertThat(info.tool()).isEqualTo("silverback builtin COPY");
      assertThat(info.fallbackReason()).isNull();
      assertThat(info.rows().keySet()).startsWith("silverback_migrations", "ca_certificates").contains("parameters");
      assertThat(info.rows()).containsEntry("services", 2L).containsEntry("routes", 2L)
          .containsEntry("silverback_migrations", 1L);
      assertThat(CopyBinary.rows(dir.resolve("tables/routes.copy"))).hasSize(2);
      DumpLayout layout = DumpLayout.read(dir);
      assertThat(layout.method()).isEqualTo("builtin");
      assertThat(layout.schemaLevel()).isEqualTo("1");
      assertThat(layout.tables()).extracting(DumpLayout.TableDump::name).containsExactlyElementsOf(info.rows().keySet());
    }
  }

  @Test
  void autoFallsBackToTheBuiltinDumpWithAReasonWhenThePathHasNoPgDump() {
    List<String> notices = new ArrayList<>();
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY, dir.resolve("empty-bin").toString())) {
      DumpInfo info = s.dump(dir.resolve("dump"), DumpMethod.AUTO, 2, notices::add);
      assertThat(info.method()).isEqualTo("builtin");
      assertThat(info.fallbackReason()).isEqualTo("pg_dump not found on PATH");
      assertThat(notices).containsExactly("pg_dump not found on PATH; using the builtin dump (COPY over JDBC)");
    }
  }

  @Test
  void pgDumpIsRefusedWhenItIsNotOnThePath() {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY, dir.resolve("empty-bin").toString())) {
      assertThatThrownBy(() -> s.dump(dir.resolve("dump"), DumpMethod.PG_DUMP, 1, n -> { }))
          .isInstanceOf(DumpException.class).hasMessageEndingWith("with pg_dump: pg_dump not found on PATH");
    }
  }

  @Test
  void autoUsesTheSystemPgDumpOnTheSnapshot() {
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      DumpInfo info = s.dump(dir, DumpMethod.AUTO, 2, n -> { });
      assertThat(info.method()).isEqualTo("pg_dump");
      assertThat(info.tool()).startsWith("pg_dump (PostgreSQL) 15");
      assertThat(info.rows()).containsEntry("consumers", 2L);
      assertThat(dir.resolve("pg_dump/toc.dat")).isRegularFile();
      assertThat(DumpLayout.read(dir).method()).isEqualTo("pg_dump");
    }
  }

  @Test
  void refusesToDumpIntoADirectoryThatIsNotEmpty() throws IOException {
    Files.writeString(dir.resolve("old"), "x");
    try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
      assertThatThrownBy(() -> s.dump(dir, DumpMethod.BUILTIN, 1, n -> { }))
          .isInstanceOf(DumpException.class).hasMessageContaining("the directory is not empty");
    }
  }

  private static String exported(DatabaseSnapshot s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.export(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
