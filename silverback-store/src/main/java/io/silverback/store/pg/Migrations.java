package io.silverback.store.pg;

import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The store's schema migrations: forward-only Flyway migrations under {@code db/migration}
 * ({@code V<n>__<what>.sql}), applied in one phase. Kong splits a migration into {@code up} and
 * {@code finish}; Silverback's migrations are written to be safe for running nodes in one step,
 * so {@code finish} never has anything left to do.
 */
public final class Migrations {
  /** Kong's message when the database has never been bootstrapped. */
  public static final String NEEDS_BOOTSTRAP = "Database needs bootstrapping or is older than Kong 1.0.\n\n"
      + "To start a new installation from scratch, run 'silverback migrations bootstrap'.\n\n"
      + "To migrate from a version older than 1.0, migrate to Kong 1.5.0 first.\n"
      + "If you still have 'apis' entities, you can convert them to Routes and Services\n"
      + "using the 'kong migrations migrate-apis' command in Kong 1.5.0.\n\n";

  private static final String HISTORY = LevelBuild.HISTORY;
  /** Where this build's migrations are. */
  private static final String LOCATION = "classpath:db/migration";
  private Flyway flyway;
  private final String schema;
  private final DataSource dataSource;
  private final String[] locations;

  /**
   * @param dataSource connections to the database
   * @param schema the PostgreSQL schema to keep the tables in ({@code public} by default)
   */
  public Migrations(DataSource dataSource, String schema) {
    this(dataSource, schema, LOCATION);
  }

  /** Migrations from other locations too (tests use it to play a later release's migrations). */
  Migrations(DataSource dataSource, String schema, String... locations) {
    this.schema = schema;
    this.dataSource = dataSource;
    this.locations = locations.clone();
  }

  /** Flyway, configured on first use: starting it costs more than a restore's schema build. */
  private Flyway flyway() {
    if (flyway == null) {
      flyway = configure(null);
    }
    return flyway;
  }

  /** A Flyway over this schema and these locations, stopping at {@code target} (null: the latest). */
  private Flyway configure(String target) {
    return configure(target, null);
  }

  private Flyway configure(String target, String installedBy) {
    var config = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .table(HISTORY)
        .locations(locations)
        .cleanDisabled(false)
        .validateMigrationNaming(true)
        .loggers("slf4j");
    if (installedBy != null) {
      config = config.installedBy(installedBy);
    }
    return (target == null ? config : config.target(target)).load();
  }

  /**
   * The version of the latest migration applied, e.g. {@code "1"} (the schema level a dump records).
   *
   * @return empty when the database was never bootstrapped
   */
  public Optional<String> level() {
    try {
      MigrationInfo current = flyway().info().current();
      return current == null || current.getVersion() == null ? Optional.empty()
          : Optional.of(current.getVersion().getVersion());
    } catch (FlywayException e) {
      throw failure("reading the schema level", e);
    }
  }

  /**
   * The version of the latest migration this build ships (the level {@link #up()} reaches).
   *
   * @throws StoreException when the migrations cannot be listed or there are none
   */
  public String latest() {
    return LevelBuild.latest(locations);
  }

  /**
   * The latest level of this build's own migrations, known without a database: a restore that
   * begins before its database is open reads it meanwhile.
   *
   * @throws StoreException when the migrations cannot be listed
   */
  public static String shipped() {
    LevelBuild build = new LevelBuild("", LOCATION);
    String latest = LevelBuild.latest(LOCATION);
    // The split of that level is read now too, off the restore's way (SchemaSections keeps it).
    SchemaSections.shipped(latest, LevelBuild.scriptsSha256(build.scriptsUpTo(latest)));
    return latest;
  }

  /**
   * Runs the migrations up to and including {@code version}, bootstrapping an empty schema: how a
   * restore rebuilds the schema a dump was taken at before loading its rows.
   *
   * @return the names of the migrations run
   * @throws StoreException when this build ships no migration {@code version}, or a migration fails
   */
  public List<String> upTo(String version) {
    try {
      boolean known = Arrays.stream(flyway().info().all())
          .anyMatch(i -> i.getVersion() != null && i.getVersion().getVersion().equals(version));
      if (!known) {
        throw new LevelBuild(schema, locations).unknownLevel(version);
      }
      return configure(version).migrate().migrations.stream()
          .map(m -> "V" + m.version + "__" + m.description.replace(' ', '_')).toList();
    } catch (FlywayException e) {
      throw failure("migrating to level " + version, e);
    }
  }

  /**
   * Creates the schema, which must not exist, at level {@code version}: runs the migration scripts
   * up to it directly, in one transaction, beside an empty history table of the shape Flyway
   * gives it. How a restore builds its private schema, whose history rows then come from the
   * dump; several times faster than {@link #upTo}, which starts Flyway and records each script.
   *
   * @return the names of the scripts run
   * @throws StoreException when this build ships no migration {@code version}, the schema exists,
   *     or a script fails; nothing is then created
   */
  public List<String> createAt(String version) {
    try (Connection c = dataSource.getConnection()) {
      return new LevelBuild(schema, locations).whole(version, c);
    } catch (SQLException e) {
      throw StoreErrors.databaseError("error while building schema '" + schema + "' at level " + version + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Creates the schema, which must not exist, at level {@code version} with its tables only (no
   * keys, indexes or foreign keys) when this build ships the split of that level, made from the
   * scripts and history table it holds ({@link SchemaSections}); the split returned puts the rest
   * on once the tables are filled, as pg_restore does. Otherwise creates the whole schema, as
   * {@link #createAt}, and returns empty. Runs over {@code c} (the caller's, in a transaction of
   * its own), which saves a restore that holds a connection opening another.
   *
   * @throws StoreException when this build ships no migration {@code version}, the schema exists,
   *     or a statement fails; nothing is then created
   */
  public Optional<SchemaSections> createTablesAt(String version, Connection c) {
    return new LevelBuild(schema, locations).tables(version, c);
  }

  /** Where the database stands. */
  public MigrationState state() {
    try {
      MigrationInfoService info = flyway().info();
      List<String> executed = names(info.applied());
      List<String> pending = names(info.pending());
      return new MigrationState(executed.isEmpty(), executed, pending);
    } catch (FlywayException e) {
      throw failure("reading the migration state", e);
    }
  }

  /**
   * Checks that the schema is ready for the store, as Kong does before any command that needs
   * the database.
   *
   * @throws StoreException when the database needs bootstrapping or has migrations to run
   */
  public void requireUpToDate() {
    MigrationState s = state();
    if (s.needsBootstrap()) {
      throw StoreErrors.databaseError(NEEDS_BOOTSTRAP.strip(), null);
    }
    if (!s.pending().isEmpty()) {
      throw StoreErrors.databaseError("New migrations available; run 'silverback migrations up' to proceed", null);
    }
  }

  /**
   * Creates every table in an empty schema.
   *
   * @return false when the database was already bootstrapped (nothing done)
   * @throws StoreException when the schema holds tables that are not Silverback's
   */
  public boolean bootstrap() {
    if (!state().needsBootstrap()) {
      return false;
    }
    migrate("bootstrapping");
    return true;
  }

  /**
   * Runs the migrations not yet applied.
   *
   * @return the names of the migrations run
   * @throws StoreException when the database needs bootstrapping first
   */
  public List<String> up() {
    return up(null);
  }

  /**
   * Runs the migrations not yet applied, recording {@code installedBy} (at most 100 characters)
   * in the history's {@code installed_by} column of each: the migration guard names the backup
   * taken before them there.
   *
   * @param installedBy what to record, or null for the database user
   * @return the names of the migrations run
   * @throws StoreException when the database needs bootstrapping first
   */
  public List<String> up(String installedBy) {
    MigrationState s = state();
    if (s.needsBootstrap()) {
      throw StoreErrors.databaseError("Cannot run migrations: " + NEEDS_BOOTSTRAP, null);
    }
    try {
      configure(null, installedBy).migrate();
    } catch (FlywayException e) {
      throw failure("running migrations", e);
    }
    return s.pending();
  }

  /**
   * What the history records as having installed each applied migration, by migration name:
   * the database user, or what {@link #up(String)} was given.
   */
  public Map<String, String> installedBy() {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      for (MigrationInfo i : flyway().info().applied()) {
        if (i.getVersion() != null) {
          out.put("V" + i.getVersion() + "__" + i.getDescription().replace(' ', '_'), i.getInstalledBy());
        }
      }
      return out;
    } catch (FlywayException e) {
      throw failure("reading the migration history", e);
    }
  }

  /**
   * Drops every table of the schema, data included.
   *
   * @return false when there was nothing to reset
   */
  public boolean reset() {
    if (state().needsBootstrap()) {
      return false;
    }
    try {
      flyway().clean();
      return true;
    } catch (FlywayException e) {
      throw failure("resetting the database", e);
    }
  }

  /** The schema the tables live in. */
  public String schema() {
    return schema;
  }

  private void migrate(String what) {
    try {
      flyway().migrate();
    } catch (FlywayException e) {
      throw failure(what, e);
    }
  }

  private StoreException failure(String what, FlywayException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    if (message.contains("non-empty schema")) {
      message = "schema '" + schema + "' already holds tables that are not Silverback's; "
          + "use an empty database or set pg_schema to another schema";
    }
    return StoreErrors.databaseError("error while " + what + " (schema '" + schema + "'): " + message, e);
  }

  private static List<String> names(MigrationInfo[] infos) {
    return Arrays.stream(infos).map(i -> "V" + i.getVersion() + "__" + i.getDescription().replace(' ', '_')).toList();
  }
}
