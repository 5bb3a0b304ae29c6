package io.silverback.ops.dump;

import static io.silverback.ops.dump.DumpFixtures.REGISTRY;
import static io.silverback.ops.dump.DumpFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code pg_schema} names up to PostgreSQL's 63 bytes load and restore; the private schemas stay within the limit. */
class LongSchemaNameTest {
  private static final String LONG = "tenant_" + "a".repeat(52) + "_eu1";

  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  Path dir;

  @Test
  void privateSchemaNamesOfLongSchemasAreShortUniqueAndStable() {
    String other = LONG.substring(0, 62) + "2";

    assertThat(LONG).hasSize(63);
    assertThat(PrivateSchemas.restore("public")).isEqualTo("public_sb_restore");
    assertThat(PrivateSchemas.restore(LONG).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
    assertThat(PrivateSchemas.replaced(LONG).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
    assertThat(PrivateSchemas.restore(LONG)).isNotEqualTo(PrivateSchemas.restore(other)).endsWith("_sb_restore")
        .isEqualTo(PrivateSchemas.restore(LONG)).startsWith("tenant_aaa");
    assertThat(PrivateSchemas.restore("é".repeat(40)).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void aDumpLoadsIntoASchemaWithA63CharacterName() throws SQLException {
    try (Database db = Database.open(DB.conf(Map.of("pg_schema", LONG)))) {
      DumpFixtures.execute(db, "CREATE SCHEMA IF NOT EXISTS \"" + LONG + "\"");
      PostgresStore store = DumpFixtures.migratedStore(db);
      store.loadAll(DumpFixtures.shop());
      String expected = json(store.export());
      Path dump = dir.resolve("dump");
      try (DatabaseSnapshot s = DatabaseSnapshot.open(db, REGISTRY)) {
        s.dump(dump, DumpMethod.BUILTIN, 2, n -> { });
      }
      store.loadAll(DumpFixtures.consumers(5));

      LoadResult result = DatabaseLoad.into(db).load(dump, true);

      assertThat(json(DumpFixtures.store(db).export())).isEqualTo(expected);
      assertThat(result.rows()).isNotEmpty();
      assertThat(schemas(db)).contains(LONG).noneMatch(n -> n.contains("sb_restore") || n.contains("sb_replaced"));
    }
  }

  private static List<String> schemas(Database db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
