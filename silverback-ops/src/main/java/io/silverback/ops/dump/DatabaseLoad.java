package io.silverback.ops.dump;

import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.pg.SchemaSections;
import io.silverback.store.pg.Transactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Loads a dump of {@link DatabaseSnapshot} back into a database so that a failure at any point,
 * a kill -9 included, leaves the target exactly as it was.
 *
 * <p>Design: the rows are not loaded into the live schema. A private schema ({@code
 * <schema>_sb_restore}, shortened for long names: {@link PrivateSchemas}) is built at the dump's
 * schema level as its tables alone, from the split of that level this build ships ({@link
 * Migrations#createTablesAt}; a level without one is built whole by its migration scripts and the
 * keys and indexes of the tables to fill are taken off), its tables filled with {@code COPY FROM
 * STDIN} (two tables at a time, row counts checked against {@code dump.json}), each table's keys
 * and indexes put on as soon as its rows are in and the foreign keys after all (one build and one
 * check per table, as pg_restore does), it is migrated forward to this build, and only then
 * swapped in with one short transaction: lock the live tables, rename the live schema
 * away, rename the private one into place, drop the old one, and queue a reload on the change
 * feed. Until that commit every node keeps reading the old data; after it they all reload the
 * new. Loading the live tables in one transaction would be as atomic, but would hold their locks
 * for the whole load, maintain every index row by row, and could not migrate an older dump
 * forward without exposing it half-migrated.
 *
 * <p>A pg_dump dump feeds the same path: its {@code toc.dat} names the data file and COPY columns
 * of each table ({@link PgDumpToc}), and the files stream into COPY as pg_restore would send them.
 * The tables always come from Silverback's migrations, so both kinds of dump load into any server
 * version Silverback supports.
 */
public final class DatabaseLoad {
  /** Tables loaded and indexed at once, as {@code pg_restore -j 2}. */
  static final int DEFAULT_JOBS = 2;
  private final DataSource dataSource;
  private final String schema;
  private final Function<String, Migrations> migrations;
  private final int jobs;
  private final Consumer<String> progress;

  /**
   * @param schema the schema to load into (replaced whole)
   * @param migrations the migrations of a schema by name (tests add a later release's)
   * @param jobs how many tables to load and index at once
   * @param progress receives a line per step
   */
  DatabaseLoad(DataSource dataSource, String schema, Function<String, Migrations> migrations, int jobs,
      Consumer<String> progress) {
    this.dataSource = dataSource;
    this.jobs = jobs;
    this.progress = progress;
    this.schema = schema;
    this.migrations = migrations;
  }

  /**
   * A load into {@code schema} whose migrations come from {@code migrations} (per schema name):
   * for a build that ships more migrations than the standard ones, or a test playing one.
   */
  public static DatabaseLoad into(DataSource dataSource, String schema, Function<String, Migrations> migrations) {
    return new DatabaseLoad(dataSource, schema, migrations, DEFAULT_JOBS, line -> { });
  }

  /** A load into {@code db}'s schema with this build's migrations. */
  public static DatabaseLoad into(Database db) {
    return new DatabaseLoad(db.dataSource(), db.schema(), s -> new Migrations(db.dataSource(), s),
        DEFAULT_JOBS, line -> { });
  }

  /** The same load, announcing each step to {@code progress}. */
  public DatabaseLoad withProgress(Consumer<String> progress) {
    return new DatabaseLoad(dataSource, schema, migrations, jobs, progress);
  }

  /**
   * Loads the dump in {@code dumpDir}, then migrates it forward to this build's latest level.
   *
   * @param replace whether a target that holds entities may be replaced
   * @throws DumpException when the target holds entities and {@code replace} is false, holds tables
   *     that are not Silverback's, the dump is newer than this build or damaged (a row count or COPY
   *     row that does not match); the target is then unchanged
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

  /**
   * The latest schema level this build ships: the level to {@link #begin} at before the dump is at
   * hand, since a dump is usually taken by the release that loads it.
   */
  public String latestLevel() {
    return migrations.apply(staging()).latest();
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

  int jobs() {
    return jobs;
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

  /** Refuses a schema holding tables that are not Silverback's, or rows unless {@code replace} (only then counted). */
  void checkTarget(Connection c, boolean replace) throws SQLException {
    Map<String, List<String>> tables = SchemaTables.read(c, schema);
    if (tables.isEmpty()) {
      return;
    }
    if (!tables.containsKey(SchemaTables.HISTORY)) {
      throw new DumpException("schema '" + schema + "' holds tables that are not Silverback's (" + String.join(", ",
          tables.keySet()) + "); restore into an empty database or set pg_schema to another schema");
    }
    if (replace) {
      return;
    }
    long entities = 0;
    for (String t : tables.keySet()) {
      entities += t.equals(SchemaTables.HISTORY) ? 0 : SchemaTables.count(c, schema, t);
    }
    if (entities > 0) {
      throw new DumpException("schema '" + schema + "' holds " + entities + " rows; a restore replaces them all,"
          + " confirm to proceed (--yes)");
    }
  }

  /**
   * Fills the private schema, built empty: the keys and indexes of the tables that get rows off
   * (in one transaction: one commit to wait for, not one per index), the rows in and each table's
   * keys and indexes back right after its rows ({@code jobs} tables at a time), then the foreign
   * keys. A schema built as tables alone from {@code sections} has nothing to take off: the empty
   * tables' keys are built meanwhile and every foreign key after. Nobody else sees the schema, and
   * a failure drops it. The steps outside the COPYs run on {@code session}, the load's own
   * connection, idle meanwhile: opening one per step would cost each a connection's start. The
   * COPYs and builds run on connections of {@code copies}.
   */
  Map<String, Long> fill(String staging, DumpLayout layout, DumpFiles files, Connection session, DataSource copies,
      Optional<SchemaSections> sections) throws SQLException {
    List<DumpLayout.TableDump> tables = layout.method().equals(DumpLayout.PG_DUMP) ? pgDumpFiles(layout, files)
        : layout.tables();
    Set<String> loaded = layout.tables().stream().filter(t -> t.rows() > 0).map(DumpLayout.TableDump::name)
        .collect(Collectors.toSet());
    StagingIndexes indexes = sections.isPresent() ? StagingIndexes.of(sections.get(), staging, loaded)
        : StagingIndexes.of(session, staging, loaded);
    if (sections.isEmpty()) {
      Transactions.run(session, () -> indexes.drop(session));
    }
    FutureTask<Void> emptyTables = new FutureTask<>(() -> {
      if (!indexes.emptyTables().isEmpty()) {
        Transactions.run(session, () -> execute(session, String.join(";\n", indexes.emptyTables())));
      }
      return null;
    });
    Thread keys = new Thread(emptyTables, "silverback-restore-keys");
    keys.setDaemon(true);
    keys.start();
    progress.accept("Loading " + layout.tables().stream().mapToLong(DumpLayout.TableDump::rows).sum() + " rows ("
        + layout.method() + " dump) and building each table's keys and indexes");
    Map<String, Long> rows;
    try {
      rows = CopyLoad.copyInto(copies, staging, tables, files, indexes.keysByTable(), jobs);
    } catch (SQLException | RuntimeException e) {
      try {
        await(emptyTables);
      } catch (SQLException | RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    await(emptyTables);
    progress.accept("Checking foreign keys");
    Transactions.run(session, () -> {
      for (String sql : indexes.foreignKeys()) {
        execute(session, sql);
      }
    });
    return rows;
  }

  /** Waits for {@code task}, rethrowing what it threw. */
  private static void await(FutureTask<Void> task) throws SQLException {
    try {
      task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException q) {
        throw q;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while building the keys of the empty tables", e);
    }
  }

  /**
   * The tables of a pg_dump dump with the data file and COPY columns its {@code toc.dat} gives
   * each, so its data files stream into COPY as a builtin dump's do.
   */
  private static List<DumpLayout.TableDump> pgDumpFiles(DumpLayout layout, DumpFiles files) {
    String toc = DumpLayout.PG_DUMP + "/toc.dat";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      files.copyTo(toc, bytes);
    } catch (IOException e) {
      throw new DumpException("cannot read " + files.where() + "/" + toc + ": " + e.getMessage(), e);
    }
    Map<String, PgDumpToc.TableData> data = PgDumpToc.read(bytes.toByteArray(), files.where() + "/" + toc);
    List<DumpLayout.TableDump> out = new ArrayList<>();
    for (DumpLayout.TableDump t : layout.tables()) {
      PgDumpToc.TableData d = data.get(t.name());
      if (d == null) {
        throw new DumpException(files.where() + "/" + toc + " holds no data for table " + t.name() + ", which "
            + DumpLayout.FILE + " lists; the dump is damaged");
      }
      out.add(new DumpLayout.TableDump(t.name(), d.columns(), t.rows(), DumpLayout.PG_DUMP + "/" + d.file()));
    }
    return out;
  }

  /** Swaps the filled private schema in, in one transaction on {@code c} (the load's own connection). */
  void swap(String staging, Connection c) throws SQLException {
    String old = PrivateSchemas.replaced(schema);
    Transactions.run(c, () -> {
      Map<String, List<String>> live = SchemaTables.read(c, schema);
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
    });
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
