package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaSectionsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Test
  void everyLevelThisBuildShipsHasItsCurrentSplit() throws Exception {
    List<MigrationScripts.Script> scripts = MigrationScripts.of(getClass().getClassLoader(), "classpath:db/migration");
    assertThat(scripts).isNotEmpty();
    for (MigrationScripts.Script level : scripts) {
      String schema = "whole_" + level.version().replace('.', '_');
      Migrations migrations = new Migrations(DB.dataSource(), schema);
      migrations.createAt(level.version());
      SchemaSections expected;
      try (Connection c = DB.dataSource().getConnection()) {
        expected = SchemaSections.read(c, schema, level.version(),
            LevelBuild.scriptsSha256(new LevelBuild(schema, "classpath:db/migration").scriptsUpTo(level.version())));
      }
      String resource = SchemaSections.RESOURCE.formatted(level.version());
      String shipped = resource(resource);
      if (!expected.toText().equals(shipped)) {
        Path made = Path.of("target", resource);
        Files.createDirectories(made.getParent());
        Files.writeString(made, expected.toText());
        throw new AssertionError(resource + " is missing or stale for the migrations up to " + level.name()
            + "; the current split is in silverback-store/" + made + ": copy it to silverback-store/src/main/resources/"
            + resource);
      }
    }
  }

  @Test
  void tablesBuiltFromTheSplitThenKeyedEndAsTheMigrationsLeaveThem() throws SQLException {
    new Migrations(DB.dataSource(), "whole").createAt("1");
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      Optional<SchemaSections> split = new Migrations(DB.dataSource(), "split").createTablesAt("1", c);
      assertThat(split).isPresent();
      assertThat(count(st, "SELECT count(*) FROM pg_class WHERE relnamespace = 'split'::regnamespace AND relkind = 'r'"))
          .isEqualTo(count(st, "SELECT count(*) FROM pg_class WHERE relnamespace = 'whole'::regnamespace"
              + " AND relkind = 'r'"));
      assertThat(count(st, "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
          + " WHERE t.relnamespace = 'split'::regnamespace")).as("no index before the rows are in").isZero();
      for (SchemaSections.Key k : split.get().keys()) {
        st.execute(SchemaSections.in(k.build(), "split"));
      }
      for (SchemaSections.Key k : split.get().keys()) {
        if (k.attach() != null) {
          st.execute(SchemaSections.in(k.attach(), "split"));
        }
      }
      for (SchemaSections.ForeignKey f : split.get().foreignKeys()) {
        st.execute(SchemaSections.in(f.build(), "split"));
      }
      assertThat(SchemaSections.read(c, "split", "1", "x")).isEqualTo(SchemaSections.read(c, "whole", "1", "x"));
      assertThat(split.get().foreignKeys()).extracting(SchemaSections.ForeignKey::table, SchemaSections.ForeignKey::references)
          .contains(tuple("routes", "services"));
    }
  }

  @Test
  void tablesForASchemaThatExistsAreRefusedAndNothingIsCreated() throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA taken");
      assertThatThrownBy(() -> new Migrations(DB.dataSource(), "taken").createTablesAt("1", c))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("error while building the tables of schema 'taken' at level 1")
          .hasMessageContaining("already exists");
      assertThat(count(st, "SELECT count(*) FROM pg_class WHERE relnamespace = 'taken'::regnamespace")).isZero();
      assertThat(c.getAutoCommit()).as("the connection is usable again").isTrue();
    }
  }

  @Test
  void aLevelThisBuildShipsNoSplitForIsBuiltWhole() throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      Optional<SchemaSections> split = NextRelease.migrations(DB.dataSource(), "next").createTablesAt("2", c);
      assertThat(split).isEmpty();
      assertThat(count(st, "SELECT count(*) FROM pg_constraint WHERE connamespace = 'next'::regnamespace"
          + " AND contype = 'p'")).isPositive();
      assertThat(count(st, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'next.services'::regclass"
          + " AND attname = 'next_release'")).isEqualTo(1);
    }
  }

  @Test
  void aSplitReadsBackAsWrittenAndADamagedOneIsRefusedNamingItsLine() {
    SchemaSections split = new SchemaSections("1", "ab", List.of(new SchemaSections.Table("t", "CREATE TABLE t (a int)")),
        List.of(new SchemaSections.Key("t", "i", "CREATE INDEX i ON t (a)", null),
            new SchemaSections.Key("t", "u", "CREATE UNIQUE INDEX u ON t (a)",
                "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX u")),
        List.of(new SchemaSections.ForeignKey("t", "f", "s",
            "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES s(a)")));
    assertThat(split.keys().get(0).drop()).isEqualTo("DROP INDEX ${schema}.i");
    assertThat(split.keys().get(1).drop()).isEqualTo("ALTER TABLE ${schema}.\"t\" DROP CONSTRAINT u");
    assertThat(split.foreignKeys().get(0).drop()).isEqualTo("ALTER TABLE ${schema}.\"t\" DROP CONSTRAINT f");
    assertThat(SchemaSections.fromText(split.toText(), "x")).isEqualTo(split);
    assertThatThrownBy(() -> SchemaSections.fromText("level\t1\nscripts_sha256\tab\nkey\tt\n", "db/restore/1.tsv"))
        .hasMessageContaining("db/restore/1.tsv line 3 is not a line of a split: key\tt");
    assertThatThrownBy(() -> new SchemaSections("1", "ab", List.of(new SchemaSections.Table("t", "CREATE\tTABLE")),
        List.of(), List.of()).toText()).hasMessageContaining("a tab or a line break");
  }

  @Test
  void aSplitMadeFromOtherScriptsIsNotUsed() {
    String sha = LevelBuild.scriptsSha256(new LevelBuild("unused", "classpath:db/migration").scriptsUpTo("1"));
    assertThat(SchemaSections.shipped("1", sha)).isPresent();
    assertThat(SchemaSections.shipped("1", "0".repeat(64))).isEmpty();
    assertThat(SchemaSections.shipped("999", sha)).isEmpty();
  }

  @Test
  void theCatalogReaderRefusesWhatASplitCannotRebuild() throws SQLException {
    String[][] cases = {
        {"CREATE SEQUENCE odd1.counter", "a relation that is not a table or an index"},
        {"CREATE TABLE odd2.t (a int, b int GENERATED ALWAYS AS (a * 2) STORED)", "a column with an identity"},
        {"CREATE TABLE odd3.t (id int) WITH (fillfactor = 50)", "a table or index with storage options"},
        {"CREATE TABLE odd4.t (id int); CREATE FUNCTION odd4.f() RETURNS trigger LANGUAGE plpgsql AS"
            + " 'BEGIN RETURN NEW; END'; CREATE TRIGGER tr BEFORE INSERT ON odd4.t FOR EACH ROW EXECUTE FUNCTION odd4.f()",
            "a trigger"},
        {"CREATE TYPE odd5.mood AS ENUM ('sad', 'ok')", "a type of its own"},
        {"CREATE TABLE odd6.t (id int, EXCLUDE USING btree (id WITH =))", "a constraint other than"},
    };
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String[] odd : cases) {
        String schema = odd[0].replaceAll("(?s).*?(odd[0-9]+)\\..*", "$1");
        st.execute("CREATE SCHEMA " + schema + "; " + odd[0]);
        assertThatThrownBy(() -> SchemaSections.read(c, schema, "1", "x"))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("schema '" + schema + "' holds " + odd[1]);
      }
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SchemaSectionsTest.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
