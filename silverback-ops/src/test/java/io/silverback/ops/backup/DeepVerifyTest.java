package io.silverback.ops.backup;

import static io.silverback.ops.backup.ShopDatabase.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeepVerifyTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static ShopDatabase fixture;
  static Database db;
  static PostgresStore store;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    fixture = ShopDatabase.load(Database.open(DB.conf()));
    db = fixture.db();
    store = fixture.store();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DumpMethod.class, names = {"BUILTIN", "PG_DUMP"})
  void restoresTheDumpIntoAScratchDatabaseAndFindsNoDifference(DumpMethod method) throws SQLException {
    Path bundlePath = create(BackupOptions.into(dir).withDumpMethod(method));
    List<String> steps = new ArrayList<>();

    DeepVerify.Report report;
    try (Bundle bundle = Bundle.open(bundlePath, null)) {
      report = new DeepVerify(REGISTRY).verify(bundle, db, DB.conf(), steps::add);
    }

    assertThat(report.loaded()).isEqualTo("dump");
    assertThat(report.differences()).isEmpty();
    assertThat(report.counts()).isEqualTo(store.export().counts());
    assertThat(report.scratchDatabase()).startsWith("silverback_verify_");
    assertThat(databases()).doesNotContain(report.scratchDatabase());
    assertThat(steps).contains("Dropping " + report.scratchDatabase());
  }

  @Test
  void importsTheDeclarativeExportOfABundleWithoutADump() throws SQLException {
    Path bundlePath = create(BackupOptions.into(dir).withDumpMethod(null));

    DeepVerify.Report report;
    try (Bundle bundle = Bundle.open(bundlePath, null)) {
      report = new DeepVerify(REGISTRY).verify(bundle, db, DB.conf(), line -> { });
    }

    assertThat(report.loaded()).isEqualTo("declarative");
    assertThat(report.differences()).isEmpty();
    assertThat(databases()).doesNotContain(report.scratchDatabase());
  }

  @Test
  void reportsEveryEntityThatDiffers() {
    Config expected = parseYaml("_format_version: \"3.0\"\nservices:\n- name: a\n  id: 5b2d8b0e-7a43-4d5e-9b3e-1f8a9c0d1e2f\n"
        + "  url: http://a\n- name: b\n  id: 6c3e9c1f-8b54-4e6f-8c4f-2a9b0d1e2f30\n  url: http://b\n");
    Config actual = parseYaml("_format_version: \"3.0\"\nservices:\n- name: a\n  id: 5b2d8b0e-7a43-4d5e-9b3e-1f8a9c0d1e2f\n"
        + "  url: http://changed\n- name: c\n  id: 7d4f0d2a-9c65-4f70-9d5a-3b0c1e2f3041\n  url: http://c\n");

    assertThat(String.join("\n", ConfigDiff.of(expected, actual)))
        .contains("services 5b2d8b0e-7a43-4d5e-9b3e-1f8a9c0d1e2f differs: host: export \"a\", the restored database \"changed\"")
        .contains("services 6c3e9c1f-8b54-4e6f-8c4f-2a9b0d1e2f30 missing from the restored database")
        .contains("services 7d4f0d2a-9c65-4f70-9d5a-3b0c1e2f3041 is in the restored database but not in the export");
  }

  @Test
  void theNodeCheckRunsOnAReadOnlyScratchDatabaseAndItsDifferencesAreReported() {
    Path bundlePath = create(BackupOptions.into(dir).withDumpMethod(DumpMethod.BUILTIN));
    List<String> seen = new ArrayList<>();
    NodeCheck check = (scratch, expected, progress) -> {
      seen.add(scratch.get("pg_database") + " " + scratch.get("admin_listen") + " " + scratch.prefix().equals(DB.conf().prefix()));
      try (Database node = Database.open(scratch)) {
        try (Connection c = node.dataSource().getConnection(); Statement st = c.createStatement()) {
          st.execute("DELETE FROM services");
          seen.add("wrote");
        } catch (SQLException e) {
          seen.add(e.getMessage());
        }
        Config restored = new PostgresStore(node.dataSource(), REGISTRY, node.schema(), Clock.systemUTC()).export();
        return new NodeCheck.Result(restored, "checked " + expected.orElseThrow().size(),
            List.of("services x differs: name: export \"a\", node \"b\""));
      }
    };

    DeepVerify.Report report;
    try (Bundle bundle = Bundle.open(bundlePath, null)) {
      report = new DeepVerify(REGISTRY).withNodeCheck(check).verify(bundle, db, DB.conf(), line -> { });
    }

    assertThat(seen.get(0)).isEqualTo(report.scratchDatabase() + " 127.0.0.1:0 false");
    assertThat(seen.get(1)).contains("cannot execute DELETE in a read-only transaction");
    assertThat(report.node()).contains("checked " + store.export().size());
    assertThat(report.differences()).containsExactly("services x differs: name: export \"a\", node \"b\"");
    assertThat(report.counts()).isEqualTo(store.export().counts());
  }

  private Path create(BackupOptions options) {
    return ShopDatabase.create().fromDatabase(db, null, options).bundle().path();
  }

  private static Config parseYaml(String yaml) {
    return DeclarativeConfigParser.of(REGISTRY).parseString(yaml).orThrow().config();
  }

  private static List<String> databases() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
