package io.silverback.store.pg;

import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a schema, which must not exist, at one migration level straight from the scripts, without
 * Flyway (whose start costs several times the scripts): whole, beside an empty history table of
 * the shape Flyway gives it ({@link #whole}), or as its tables alone from the level's split
 * ({@link #tables}). How a restore builds its private schema, whose history rows come from the
 * dump. Each build is one transaction: a failure creates nothing.
 */
final class LevelBuild {
  /** Flyway's history table. */
  static final String HISTORY = "silverback_migrations";
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
  /** {@link #scriptsSha256} by the scripts' names and where each was found. */
  private static final Map<String, String> SCRIPTS_SHA256 = new ConcurrentHashMap<>();
  private final String schema;
  private final String[] locations;

  /**
   * @param schema the schema to build
   * @param locations where the migration scripts are (Flyway's {@code classpath:} and {@code filesystem:})
   */
  LevelBuild(String schema, String... locations) {
    this.schema = schema;
    this.locations = locations.clone();
  }

  /**
   * The latest level the scripts of {@code locations} reach.
   *
   * @throws StoreException when they cannot be listed or there are none
   */
  static String latest(String... locations) {
    List<MigrationScripts.Script> all = MigrationScripts.of(LevelBuild.class.getClassLoader(), locations);
    if (all.isEmpty()) {
      throw StoreErrors.databaseError("no migrations in " + String.join(", ", locations), null);
    }
    return all.get(all.size() - 1).version();
  }

  /**
   * The whole schema at {@code version}, over {@code c}.
   *
   * @return the names of the scripts run
   */
  List<String> whole(String version, Connection c) {
    return whole(version, scriptsUpTo(version), c);
  }

  /**
   * The tables alone at {@code version} when the level's split ships and was made from these
   * scripts ({@link SchemaSections}), returned to put the rest on after the rows; otherwise the
   * whole schema, and empty.
   */
  Optional<SchemaSections> tables(String version, Connection c) {
    List<MigrationScripts.Script> run = scriptsUpTo(version);
    Optional<SchemaSections> sections = SchemaSections.shipped(version, scriptsSha256(run));
    if (sections.isEmpty()) {
      whole(version, run, c);
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
      all.add(new MigrationScripts.Script("0", HISTORY, () -> HISTORY_DDL, LevelBuild.class.getName()));
      all.addAll(scripts);
      return SchemaSections.sha256(all);
    });
  }

  /** The scripts up to {@code version}, which must be one of them. */
  List<MigrationScripts.Script> scriptsUpTo(String version) {
    List<MigrationScripts.Script> run = new ArrayList<>();
    for (MigrationScripts.Script s : MigrationScripts.of(LevelBuild.class.getClassLoader(), locations)) {
      if (MigrationScripts.compareVersions(s.version(), version) <= 0) {
        run.add(s);
      }
    }
    if (run.isEmpty() || !run.get(run.size() - 1).version().equals(version)) {
      throw unknownLevel(version);
    }
    return run;
  }

  /** A level these scripts do not reach or name. */
  StoreException unknownLevel(String version) {
    return StoreErrors.databaseError("schema level " + version + " is not one this build knows (it ships up to "
        + latest(locations) + "); use a Silverback release at least as new as the one that wrote the data", null);
  }

  private List<String> whole(String version, List<MigrationScripts.Script> run, Connection c) {
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

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
