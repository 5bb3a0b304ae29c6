package io.silverback.ops.restore;

import static io.silverback.ops.dump.DumpFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.ops.dump.DumpFixtures;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.NextRelease;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's upgrade guide, played whole: data at schema level N-1, a backup, the migration to N,
 * something broken at N, the backup restored, and exactly the data of N-1 back (at level N).
 */
class UpgradeStoryTest {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = DumpMethod.class, names = {"BUILTIN", "PG_DUMP"})
  void aBackupTakenBeforeAMigrationRestoresExactlyTheOldDataAfterIt(DumpMethod method) throws Exception {
    try (Database db = Database.open(DB.conf(Map.of("pg_schema", "story_" + method.name().toLowerCase())))) {
      new Migrations(db.dataSource(), db.schema()).bootstrap();
      PostgresStore store = new PostgresStore(db.dataSource(), REGISTRY, db.schema(), Clock.systemUTC());
      store.loadAll(DumpFixtures.shop());
      String before = json(store.export());
      Path bundle = TestBundles.of(db, REGISTRY, method, dir);

      Migrations next = NextRelease.migrations(db.dataSource(), db.schema());
      assertThat(next.up()).containsExactly("V2__next_release_column");
      store.delete("routes", store.export().all("routes").iterator().next().id());
      store.delete("consumers", store.export().all("consumers").iterator().next().id());
      assertThat(json(store.export())).isNotEqualTo(before);

      try (Bundle b = Bundle.open(bundle, null)) {
        assertThat(b.manifest().schemaLevel()).isEqualTo("1");
        RestoreResult r = new BackupRestore(REGISTRY).nativeLoad(b, DatabaseLoad.into(db.dataSource(), db.schema(),
            s -> NextRelease.migrations(db.dataSource(), s)), db.toString(), true);
        assertThat(r.notes()).contains("migrated forward to level 2: V2__next_release_column");
      }
      assertThat(json(store.export())).isEqualTo(before);
      assertThat(next.level()).contains("2");
      assertThat(next.state().upToDate()).isTrue();
      assertThat(columns(db, "services")).contains("next_release");
      store.close();
    }
  }


  private static List<String> columns(Database db, String table) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
         ResultSet rs = c.getMetaData().getColumns(null, db.schema(), table, null)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString("COLUMN_NAME"));
      }
      return out;
    }
  }
}
