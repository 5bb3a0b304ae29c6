package io.silverback.ops.dump;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Loads a dump of {@link DatabaseSnapshot} back into a database so that a failure at any point,
 * a kill -9 included, leaves the target exactly as it was.
 *
 * <p>Design: the rows are not loaded into the live schema. A private schema ({@code
 * <schema>_sb_restore}, shortened for long names: {@link PrivateSchemas}) is built at the dump's
 * schema level with the same migrations, its keys and indexes are taken off, its tables filled with {@code COPY FROM STDIN} (two tables at a time, row
 * counts checked against {@code dump.json}), its keys, indexes and foreign keys put back (one
 * build and one check per table, as pg_restore does), it is migrated forward to this build, and
 * only then swapped in with one short transaction: lock the live tables, rename the live schema
 * away, rename the private one into place, drop the old one, and queue a reload on the change
 * feed. Until that commit every node keeps reading the old data; after it they all reload the
 * new. Loading the live tables in one transaction would be as atomic, but would hold their locks
 * for the whole load, maintain every index row by row, and could not migrate an older dump
 * forward without exposing it half-migrated.
 *
 * <p>A pg_dump dump is read through {@code pg_restore --data-only -f -}, whose COPY blocks feed
 * the same path: the tables always come from Silverback's migrations, so both kinds of dump
 * load into any server version Silverback supports.
 */
public final class DatabaseLoad {
  /** Tables loaded and indexed at once, as {@code pg_restore -j 2}. */
  static final int DEFAULT_JOBS = 2;
  private final DataSource dataSource;
  private final String schema;
  private final EntityRegistry registry;
  private final Function<String, Migrations> migrations;
  private final String pathVariable;
  private final int jobs;
  private final Consumer<String> progress;

  /**
   * @param schema the schema to load into (replaced whole)
   * @param migrations the migrations of a schema by name (tests add a later release's)
   * @param pathVariable where to look for {@code pg_restore}
   * @param jobs how many tables to load and index at once
   * @param progress receives a line per step
   */
  DatabaseLoad(DataSource dataSource, String schema, EntityRegistry registry, Function<String, Migrations> migrations,
      String pathVariable, int jobs, Consumer<String> progress) {
    this.dataSource = dataSource;
    this.jobs = jobs;
    this.progress = progress;
    this.schema = schema;
    this.registry = registry;
    this.migrations = migrations;
    this.pathVariable = pathVariable;
  }

  /**
   * A load into {@code schema} whose migrations come from {@code migrations} (per schema name):
   * for a build that ships more migrations than the standard ones, or a test playing one.
   */
  public static DatabaseLoad into(DataSource dataSource, String schema, EntityRegistry registry,
      Function<String, Migrations> migrations) {
    return new DatabaseLoad(dataSource, schema, registry, migrations, PgTool.systemPath(), DEFAULT_JOBS, line -> { });
  }

  /** A load into {@code db}'s schema with this build's migrations. */
  public static DatabaseLoad into(Database db, EntityRegistry registry) {
    return new DatabaseLoad(db.dataSource(), db.schema(), registry, s -> new Migrations(db.dataSource(), s),
        PgTool.systemPath(), DEFAULT_JOBS, line -> { });
  }

  /** The same load, announcing each step to {@code progress}. */
  public DatabaseLoad withProgress(Consumer<String> progress) {
    return new DatabaseLoad(dataSource, schema, registry, migrations, pathVariable, jobs, progress);
  }

  /**
   * Loads the dump in {@code dumpDir}, then migrates it forward to this build's latest level.
   *
   * @param replace whether a target that holds entities may be replaced
   * @throws DumpException when the target holds entities and {@code replace} is false, holds tables
   *     that are not Silverback's, the dump is newer than this build or damaged (a row count or COPY
   *     row that does not match), or pg_restore is needed and missing; the target is then unchanged
   */
  public LoadResult load(Path dumpDir, boolean replace) {
    try (PendingLoad pending = begin(DumpLayout.read(dumpDir).schemaLevel(), replace)) {
      return pending.load(dumpDir);
    }
  }

  /**
   * Starts a load of a dump taken at {@code schemaLevel} before the dump is at hand: checks the
   * target and builds the private schema in the background while the caller verifies and
   * extracts the bundle. Closing the result without loading changes nothing.
   *
   * @param replace whether a target that holds entities may be replaced
   * @throws DumpException when another load into the schema is running, or the target is refused
   */
  public PendingLoad begin(String schemaLevel, boolean replace) {
    return PendingLoad.begin(this, schemaLevel, replace);
  }

  String schema() {
    return schema;
  }

  String staging() {
    return PrivateSchemas.restore(schema);
  }

  Migrations migrations(String forSchema) {
    return migrations.apply(forSchema);
  }

  Consumer<String> progress() {
    return progress;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * One load per schema at a time. The lock is the session's: released at the end, or when a
   * killed load's connection goes away.
   */
  void exclusive(Connection c) throws SQLException {
    if (!lockCall(c, "pg_try_advisory_lock")) {
      throw new DumpException("another restore into schema '" + schema + "' is running; wait for it to end");
    }
  }

  boolean lockCall(Connection c, String function) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
      ps.setString(1, "silverback restore " + schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  void checkTarget(Connection c, boolean replace) throws SQLException {
    Map<String, List<String>> tables = SchemaTables.read(c, schema, registry);
    if (tables.isEmpty()) {
      return;
    }
    if (!tables.containsKey(SchemaTables.HISTORY)) {
      throw new DumpException("schema '" + schema + "' holds tables that are not Silverback's (" + String.join(", ",
          tables.keySet()) + "); restore into an empty database or set pg_schema to another schema");
    }
    long entities = 0;
    for (String t : tables.keySet()) {
      entities += t.equals(SchemaTables.HISTORY) ? 0 : SchemaTables.count(c, schema, t);
    }
    if (entities > 0 && !replace) {
      throw new DumpException("schema '" + schema + "' holds " + entities + " rows; a restore replaces them all,"
          + " confirm to proceed (--yes)");
    }
  }

  /**
   * Fills the private schema: keys and indexes off, the rows in ({@code jobs} tables at a time for
   * a builtin dump), keys and indexes back ({@code jobs} tables at a time), then the foreign keys.
   * No transaction is needed: nobody else sees the schema, and a failure drops it.
   */
  Map<String, Long> fill(String staging, DumpLayout layout, DumpFiles files) throws SQLException {
    StagingIndexes indexes;
    try (Connection c = dataSource.getConnection()) {
      indexes = StagingIndexes.of(c, staging);
      indexes.drop(c);
      execute(c, "TRUNCATE " + String.join(", ", layout.tables().stream()
          .map(t -> SchemaTables.qualified(staging, t.name())).toList()));
    }
    progress.accept("Loading " + layout.tables().stream().mapToLong(DumpLayout.TableDump::rows).sum() + " rows ("
        + layout.method() + " dump)");
    Map<String, Long> rows = layout.method().equals(DumpLayout.PG_DUMP)
        ? PgRestoreData.copyInto(dataSource, staging, layout, onDisk(files), pathVariable, jobs)
        : BuiltinLoad.copyInto(dataSource, staging, layout, files, jobs);
    progress.accept("Rebuilding keys and indexes");
    Parallel.run(dataSource, jobs, indexes.keysByTable().stream().map(statements -> (Parallel.Work) c -> {
      execute(c, "SET maintenance_work_mem = '256MB'");
      for (String sql : statements) {
        execute(c, sql);
      }
    }).toList());
    progress.accept("Checking foreign keys");
    try (Connection c = dataSource.getConnection()) {
      for (String sql : indexes.foreignKeys()) {
        execute(c, sql);
      }
    }
    return rows;
  }

  /** pg_restore reads an archive on disk, so a pg_dump dump cannot be streamed. */
  private static Path onDisk(DumpFiles files) {
    return files.directory().orElseThrow(() -> new DumpException("the pg_dump dump of " + files.where()
        + " must be extracted to disk before it is loaded (pg_restore reads files)"));
  }

  void swap(String staging) throws SQLException {
    String old = PrivateSchemas.replaced(schema);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<String, List<String>> live = SchemaTables.read(c, schema, registry);
        if (!live.isEmpty()) {
          execute(c, "LOCK TABLE " + String.join(", ", live.keySet().stream()
              .map(t -> SchemaTables.qualified(schema, t)).toList()) + " IN ACCESS EXCLUSIVE MODE");
        }
        boolean exists = schemaExists(c);
        if (exists) {
          execute(c, "ALTER SCHEMA " + SchemaTables.quote(schema) + " RENAME TO " + SchemaTables.quote(old));
        }
        execute(c, "ALTER SCHEMA " + SchemaTables.quote(staging) + " RENAME TO " + SchemaTables.quote(schema));
        if (exists) {
          execute(c, "DROP SCHEMA " + SchemaTables.quote(old) + " CASCADE");
        }
        PostgresStore.notifyReload(c, schema);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private boolean schemaExists(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
