package io.silverback.store.pg;

import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The history table, as Flyway creates it on PostgreSQL (its name, then its schema-qualified name twice). */
  private static final String HISTORY_DDL = """
      CREATE TABLE %2$s (
        "installed_rank" INT NOT NULL,
        "version" VARCHAR(50),
        "description" VARCHAR(200) NOT NULL,
        "type" VARCHAR(20) NOT NULL,
        "script" VARCHAR(1000) NOT NULL,
        "checksum" INTEGER,
        "installed_by" VARCHAR(100) NOT NULL,
        "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
        "execution_time" INTEGER NOT NULL,
        "success" BOOLEAN NOT NULL
      );
      ALTER TABLE %2$s ADD CONSTRAINT "%1$s_pk" PRIMARY KEY ("installed_rank");
      CREATE INDEX "%1$s_s_idx" ON %2$s ("success");
      """;
  private static final String HISTORY = "silverback_migrations";
  /** Where this build's migrations are. */
  private static final String LOCATION = "classpath:db/migration";
  /** {@link #scriptsSha256} by the scripts' names and where each was found. */
  private static final Map<String, String> SCRIPTS_SHA256 = new ConcurrentHashMap<>();
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
    return latest(locations);
  }

  /**
   * The latest level of this build's own migrations, known without a database: a restore that
   * begins before its database is open reads it meanwhile.
   *
   * @throws StoreException when the migrations cannot be listed
   */
  public static String shipped() {
    String latest = latest(LOCATION);
    // The split of that level is read now too, off the restore's way (SchemaSections keeps it).
    SchemaSections.shipped(latest, scriptsSha256(scriptsUpTo(latest, LOCATION)));
    return latest;
  }

  private static String latest(String... locations) {
    List<MigrationScripts.Script> all = MigrationScripts.of(Migrations.class.getClassLoader(), locations);
    if (all.isEmpty()) {
      throw StoreErrors.databaseError("no migrations in " + String.join(", ", locations), null);
    }
    return all.get(all.size() - 1).version();
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
        throw unknownLevel(version);
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
    return createAt(version, scriptsUpTo(version));
  }

  /**
   * Creates the schema, which must not exist, at level {@code version} with its tables only (no
   * keys, indexes or foreign keys) when this build ships the split of that level, made from the
   * scripts and history table it holds ({@link SchemaSections}); the split returned puts the rest
   * on once the tables are filled, as pg_restore does. Otherwise creates the whole schema, as
   * {@link #createAt}, and returns empty.
   *
   * @throws StoreException when this build ships no migration {@code version}, the schema exists,
   *     or a statement fails; nothing is then created
   */
  public Optional<SchemaSections> createTablesAt(String version) {
    try (Connection c = dataSource.getConnection()) {
      return createTablesAt(version, c);
    } catch (SQLException e) {
      throw StoreErrors.databaseError("error while building schema '" + schema + "' at level " + version + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * As {@link #createTablesAt(String)}, over {@code c} (in a transaction of its own), which a caller
   * holding a connection already saves opening one.
   */
  public Optional<SchemaSections> createTablesAt(String version, Connection c) {
    List<MigrationScripts.Script> run = scriptsUpTo(version);
    Optional<SchemaSections> sections = SchemaSections.shipped(version, scriptsSha256(run));
    if (sections.isEmpty()) {
      createAt(version, run, c);
      return sections;
    }
    StringBuilder sql = new StringBuilder("CREATE SCHEMA ").append(quote(schema));
    for (SchemaSections.Table t : sections.get().tables()) {
      sql.append(";\n").append(SchemaSections.in(t.create(), schema));
    }
    try (Statement st = c.createStatement()) {
      Transactions.run(c, () -> st.execute(sql.toString()));
    } catch (SQLException e) {
      throw StoreErrors.databaseError("error while building the tables of schema '" + schema + "' at level " + version
          + ": " + e.getMessage(), e);
    }
    return sections;
  }

  /**
   * The SHA-256 of what builds the schema at a level: the history table's DDL, then {@code scripts}
   * (kept per list of scripts, which do not change while the JVM runs: a restore asks twice).
   */
  static String scriptsSha256(List<MigrationScripts.Script> scripts) {
    String key = String.join(",", scripts.stream().map(s -> s.name() + "@" + s.location()).toList());
    return SCRIPTS_SHA256.computeIfAbsent(key, k -> {
      List<MigrationScripts.Script> all = new ArrayList<>();
      all.add(new MigrationScripts.Script("0", HISTORY, () -> HISTORY_DDL, "Migrations"));
      all.addAll(scripts);
      return SchemaSections.sha256(all);
    });
  }

  /** The scripts up to {@code version}, which must be one of them. */
  List<MigrationScripts.Script> scriptsUpTo(String version) {
    return scriptsUpTo(version, locations);
  }

  private static List<MigrationScripts.Script> scriptsUpTo(String version, String... locations) {
    List<MigrationScripts.Script> run = new ArrayList<>();
    for (MigrationScripts.Script s : MigrationScripts.of(Migrations.class.getClassLoader(), locations)) {
      if (MigrationScripts.compareVersions(s.version(), version) <= 0) {
        run.add(s);
      }
    }
    if (run.isEmpty() || !run.get(run.size() - 1).version().equals(version)) {
      throw unknownLevel(version, locations);
    }
    return run;
  }

  private List<String> createAt(String version, List<MigrationScripts.Script> run) {
    try (Connection c = dataSource.getConnection()) {
      return createAt(version, run, c);
    } catch (SQLException e) {
      throw StoreErrors.databaseError("error while building schema '" + schema + "' at level " + version + ": "
          + e.getMessage(), e);
    }
  }

  private List<String> createAt(String version, List<MigrationScripts.Script> run, Connection c) {
    String quoted = quote(schema);
    try (Statement st = c.createStatement()) {
      Transactions.run(c, () -> {
        st.execute("CREATE SCHEMA " + quoted);
        st.execute("SET LOCAL search_path TO " + quoted);
        st.execute(String.format(HISTORY_DDL, HISTORY, quoted + "." + quote(HISTORY)));
        for (MigrationScripts.Script s : run) {
          st.execute(s.sql().get());
        }
      });
    } catch (SQLException | UncheckedIOException e) {
      throw StoreErrors.databaseError("error while building schema '" + schema + "' at level " + version + ": "
          + e.getMessage(), e);
    }
    return run.stream().map(MigrationScripts.Script::name).toList();
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

  private StoreException unknownLevel(String version) {
    return unknownLevel(version, locations);
  }

  private static StoreException unknownLevel(String version, String... locations) {
    return StoreErrors.databaseError("schema level " + version + " is not one this build knows (it ships up to "
        + latest(locations) + "); use a Silverback release at least as new as the one that wrote the data", null);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
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
