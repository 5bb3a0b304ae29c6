package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.KongError;
import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Test
  void anEmptyDatabaseNeedsBootstrapAndIsUpToDateAfterIt() {
    Migrations m = new Migrations(DB.dataSource(), "boot");
    assertThat(m.state().needsBootstrap()).isTrue();
    assertThatThrownBy(m::requireUpToDate).isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Database needs bootstrapping");
    assertThat(m.bootstrap()).isTrue();
    assertThat(m.state().upToDate()).isTrue();
    assertThat(m.state().executed()).contains("V1__entities");
    assertThat(m.bootstrap()).as("a second bootstrap does nothing").isFalse();
    assertThat(m.up()).isEmpty();
    m.requireUpToDate();
  }

  @Test
  void aLaterReleasesMigrationIsPendingUntilUpRunsItAndTheDataStays() throws SQLException {
    new Migrations(DB.dataSource(), "upgrade").bootstrap();
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO upgrade.services (id, name, entity) VALUES (gen_random_uuid(), 'kept', '{}')");
    }
    Migrations next = new Migrations(DB.dataSource(), "upgrade", "classpath:db/migration", "classpath:db/next-release");
    assertThat(next.state().pending()).containsExactly("V2__next_release_column");
    assertThatThrownBy(next::requireUpToDate).hasMessage("New migrations available; run 'silverback migrations up' to proceed");
    assertThat(next.up()).containsExactly("V2__next_release_column");
    assertThat(next.state().upToDate()).isTrue();
    assertThat(columns("upgrade", "services")).contains("next_release");
    assertThat(query("SELECT name FROM upgrade.services")).containsExactly("kept");
  }

  @Test
  void upRefusesADatabaseThatWasNeverBootstrapped() {
    assertThatThrownBy(() -> new Migrations(DB.dataSource(), "never").up())
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.DATABASE_ERROR))
        .hasMessageContaining("Cannot run migrations: Database needs bootstrapping");
  }

  @Test
  void resetDropsEveryTableAndTheDatabaseNeedsBootstrapAgain() throws SQLException {
    Migrations m = new Migrations(DB.dataSource(), "resetme");
    m.bootstrap();
    assertThat(tables("resetme")).contains("services", "routes", "silverback_migrations");
    assertThat(m.reset()).isTrue();
    assertThat(tables("resetme")).isEmpty();
    assertThat(m.state().needsBootstrap()).isTrue();
    assertThat(m.reset()).as("nothing left to reset").isFalse();
  }

  @Test
  void bootstrapRefusesASchemaHoldingSomeoneElsesTables() throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA foreign_app");
      st.execute("CREATE TABLE foreign_app.orders (id int)");
    }
    assertThatThrownBy(() -> new Migrations(DB.dataSource(), "foreign_app").bootstrap())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema 'foreign_app' already holds tables that are not Silverback's");
  }

  @Test
  void applyingEveryMigrationOneByOneGivesTheSameSchemaAsABootstrap() throws SQLException {
    new Migrations(DB.dataSource(), "fresh").bootstrap();
    for (MigrationInfo step : flyway("stepwise", null).info().all()) {
      flyway("stepwise", step.getVersion().getVersion()).migrate();
    }
    assertThat(catalog("stepwise")).isEqualTo(catalog("fresh")).isNotEmpty();
  }

  @Test
  void everyEntityOfTheRegistryHasATableWithTheColumnsTheStoreWrites() throws SQLException {
    new Migrations(DB.dataSource(), "layout").bootstrap();
    Tables tables = new Tables(EntityRegistry.standard());
    for (Table t : tables.ordered()) {
      assertThat(columns("layout", t.type())).as("columns of %s", t.type()).containsExactlyInAnyOrderElementsOf(t.columns());
    }
  }

  private static Flyway flyway(String schema, String target) {
    var config = Flyway.configure().dataSource(DB.dataSource()).schemas(schema).defaultSchema(schema)
        .createSchemas(true).table("silverback_migrations").locations("classpath:db/migration");
    if (target != null) {
      config.target(target);
    }
    return config.load();
  }

  private static List<String> tables(String schema) throws SQLException {
    return query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY 1");
  }

  private static List<String> columns(String schema, String table) throws SQLException {
    return query("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = '" + table + "'");
  }

  /** Tables, columns with types and nullability, constraints and indexes, schema name left out. */
  private static List<String> catalog(String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    out.addAll(query("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
        + " || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = '"
        + schema + "' AND table_name <> 'silverback_migrations' ORDER BY 1"));
    out.addAll(query("SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
        + " FROM pg_constraint WHERE connamespace = '" + schema + "'::regnamespace ORDER BY 1")
        .stream().map(s -> s.replace(schema + ".", "")).toList());
    out.addAll(query("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = '" + schema
        + "' AND tablename <> 'silverback_migrations' ORDER BY 1").stream().map(s -> s.replace(schema + ".", "")).toList());
    return out;
  }

  /** The history table's columns, constraints and indexes, schema name left out. */
  private static List<String> history(String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    out.addAll(query("SELECT column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '')"
        + " || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns"
        + " WHERE table_schema = '" + schema + "' AND table_name = 'silverback_migrations' ORDER BY ordinal_position"));
    out.addAll(query("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
        + " WHERE conrelid = '" + schema + ".silverback_migrations'::regclass ORDER BY 1"));
    out.addAll(query("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = '" + schema
        + "' AND tablename = 'silverback_migrations' ORDER BY 1").stream().map(s -> s.replace(schema + ".", "")).toList());
    return out;
  }

  private static List<String> query(String sql) throws SQLException {
    DataSource ds = DB.dataSource();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void upToBuildsAnEmptySchemaAtAGivenLevelAndRefusesALevelThisBuildDoesNotShip() {
    Migrations next = NextRelease.migrations(DB.dataSource(), "levels");
    assertThat(next.level()).isEmpty();
    assertThat(next.latest()).isEqualTo("2");
    assertThat(next.upTo("1")).containsExactly("V1__entities");
    assertThat(next.level()).contains("1");
    assertThat(next.state().pending()).containsExactly("V2__next_release_column");
    assertThatThrownBy(() -> next.upTo("3")).isInstanceOf(StoreException.class)
        .hasMessageContaining("schema level 3 is not one this build knows (it ships up to 2)");
  }

  @Test
  void createAtBuildsTheSchemaFlywayBuildsBesideAnEmptyHistoryThatFlywayThenKeeps() throws SQLException {
    NextRelease.migrations(DB.dataSource(), "by_flyway").upTo("1");
    Migrations scripted = NextRelease.migrations(DB.dataSource(), "by_script");
    assertThat(scripted.createAt("1")).containsExactly("V1__entities");
    assertThat(catalog("by_script")).isEqualTo(catalog("by_flyway")).isNotEmpty();
    assertThat(history("by_script")).isEqualTo(history("by_flyway")).hasSize(13);
    assertThat(query("SELECT count(*) FROM by_script.silverback_migrations")).containsExactly("0");
    query("INSERT INTO by_script.silverback_migrations SELECT * FROM by_flyway.silverback_migrations RETURNING 1");
    assertThat(scripted.level()).contains("1");
    assertThat(scripted.up()).containsExactly("V2__next_release_column");
    assertThat(columns("by_script", "services")).contains("next_release");
  }

  @Test
  void createAtRefusesALevelThisBuildDoesNotShipOrAnExistingSchemaAndCreatesNothing() throws SQLException {
    Migrations next = NextRelease.migrations(DB.dataSource(), "no_level");
    assertThatThrownBy(() -> next.createAt("3")).isInstanceOf(StoreException.class)
        .hasMessageContaining("schema level 3 is not one this build knows (it ships up to 2)");
    assertThat(query("SELECT nspname FROM pg_namespace WHERE nspname = 'no_level'")).isEmpty();
    new Migrations(DB.dataSource(), "taken").bootstrap();
    assertThatThrownBy(() -> new Migrations(DB.dataSource(), "taken").createAt("1")).isInstanceOf(StoreException.class)
        .hasMessageContaining("error while building schema 'taken' at level 1");
    assertThat(new Migrations(DB.dataSource(), "taken").state().upToDate()).isTrue();
  }

  @Test
  void upRecordsWhatItWasGivenAsTheInstallerOfEachMigration() {
    Migrations next = NextRelease.migrations(DB.dataSource(), "installer");
    next.upTo("1");
    next.up("backup silverback-backup-20261125T213000Z-1a2b3c");
    assertThat(next.installedBy()).containsEntry("V2__next_release_column", "backup silverback-backup-20261125T213000Z-1a2b3c")
        .containsEntry("V1__entities", DB.settings().user());
  }
}
