package io.silverback.ops.dump;

import io.silverback.core.declarative.DeclarativeStream;
import io.silverback.core.declarative.StoredRecord;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One consistent read of the database: a {@code REPEATABLE READ READ ONLY} transaction whose
 * snapshot is exported with {@code pg_export_snapshot()}, so the declarative {@link
 * #export(OutputStream)} (on a connection of its own, at the same time as the dump), the builtin
 * dump (over the same connection, or its own with several jobs) and {@code pg_dump --snapshot}
 * all see exactly the same rows while other nodes keep writing. The transaction stays open until
 * {@link #close()}; it holds no locks that block writers.
 */
public final class DatabaseSnapshot implements AutoCloseable {
  private final Database db;
  private final EntityRegistry registry;
  private final Connection connection;
  private final String snapshotId;
  private final String serverVersion;
  private final int serverMajor;
  private final String schemaLevel;
  private final String pathVariable;

  private DatabaseSnapshot(Database db, EntityRegistry registry, Connection connection, String pathVariable)
      throws SQLException {
    this.db = db;
    this.registry = registry;
    this.connection = connection;
    this.pathVariable = pathVariable;
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), current_setting('server_version'),"
             + " current_setting('server_version_num')::int / 10000")) {
      rs.next();
      this.snapshotId = rs.getString(1);
      this.serverVersion = rs.getString(2).split(" ")[0];
      this.serverMajor = rs.getInt(3);
    }
    String level = SchemaTables.level(connection, db.schema());
    if (level == null) {
      throw new DumpException("nothing to back up in " + db + ", schema '" + db.schema()
          + "': the database was never bootstrapped");
    }
    this.schemaLevel = level;
  }

  /**
   * Opens the snapshot.
   *
   * @throws DumpException when the database cannot be read or was never bootstrapped
   */
  public static DatabaseSnapshot open(Database db, EntityRegistry registry) {
    return open(db, registry, PgTool.systemPath());
  }

  /** As {@link #open(Database, EntityRegistry)}, looking for {@code pg_dump} on {@code pathVariable}. */
  static DatabaseSnapshot open(Database db, EntityRegistry registry, String pathVariable) {
    Connection c = null;
    try {
      c = db.dataSource().getConnection();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      return new DatabaseSnapshot(db, registry, c, pathVariable);
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        release(c);
      }
      if (e instanceof DumpException d) {
        throw d;
      }
      throw new DumpException("cannot open a snapshot of " + db + ": " + e.getMessage(), e);
    }
  }

  /** The PostgreSQL server version, e.g. {@code "15.14"}. */
  public String serverVersion() {
    return serverVersion;
  }

  /** The latest migration applied, e.g. {@code "1"}. */
  public String schemaLevel() {
    return schemaLevel;
  }

  /**
   * Writes the declarative export of this snapshot to {@code out} as {@code db_export}'s JSON (on
   * one line: {@link DeclarativeStream#compactJson}), entity
   * by entity as the rows arrive (live entities only: expired ones are left out, as in {@code
   * db_export}). It reads on a connection of its own that adopts the snapshot, so it may run while
   * {@link #dump} reads; the calling thread reads the rows and indexes their JSON ({@link
   * StoredRecord}, no tree) while another copies them into the document ({@link EntityHandOff}).
   *
   * @return the entities per type that has any, in dependency order
   * @throws DumpException when a table cannot be read
   * @throws java.io.UncheckedIOException when {@code out} cannot be written
   */
  public Map<String, Integer> export(OutputStream out) {
    try (Connection c = db.dataSource().getConnection();
         DeclarativeStream stream = DeclarativeStream.compactJson(out)) {
      try (EntityHandOff<StoredRecord> writing = EntityHandOff.start(stream::entity, "silverback-export-write")) {
        adopt(c, () -> PostgresStore.exportStoredOver(c, registry, writing));
        writing.finish();
      }
      return Collections.unmodifiableMap(new LinkedHashMap<>(stream.counts()));
    } catch (SQLException e) {
      throw new DumpException("cannot export " + db + ", schema '" + db.schema() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Writes the native dump of this snapshot as plain (uncompressed) files under {@code emptyDir}
   * (created when missing), with its description in {@code dump.json}.
   *
   * @param jobs connections reading at once: pg_dump's {@code -j}, or the builtin dump's tables read in
   *     parallel on the exported snapshot (1: on the snapshot's own connection)
   * @param notices receives one line when {@link DumpMethod#AUTO} falls back to the builtin dump, and pg_dump's warnings
   * @throws DumpException when {@code emptyDir} is not empty, pg_dump was asked for and cannot be
   *     used, or a table cannot be read or written
   */
  public DumpInfo dump(Path emptyDir, DumpMethod method, int jobs, Consumer<String> notices) {
    prepare(emptyDir);
    return dump(DumpTarget.in(emptyDir), emptyDir, false, method, jobs, notices);
  }

  /**
   * Writes the native dump of this snapshot into {@code target}: the builtin dump streams every
   * table straight into it; pg_dump writes its directory under {@code scratch} (created, and
   * required to be empty), whose files then go into {@code target}. The dump reads on the
   * snapshot's connection (and on connections of its own with {@code jobs} above 1).
   *
   * @param scratch where pg_dump writes; left for the caller to delete
   * @throws DumpException as {@link #dump(Path, DumpMethod, int, Consumer)}, or when {@code target} fails
   */
  public DumpInfo dump(DumpTarget target, Path scratch, DumpMethod method, int jobs, Consumer<String> notices) {
    return dump(target, scratch, true, method, jobs, notices);
  }

  private DumpInfo dump(DumpTarget target, Path scratch, boolean copyScratch, DumpMethod method, int jobs,
      Consumer<String> notices) {
    try {
      Map<String, List<String>> tables = SchemaTables.read(connection, db.schema(), registry);
      if (method == DumpMethod.BUILTIN) {
        return BuiltinDump.write(this, tables, target, jobs, null);
      }
      Optional<PgTool> pgDump = PgTool.find("pg_dump", pathVariable);
      String unusable = pgDump.isEmpty() ? "pg_dump not found on PATH"
          : pgDump.get().major() < serverMajor ? "pg_dump " + pgDump.get().major() + " is older than server "
              + serverMajor + " (pg_dump would abort with \"server version mismatch\")" : null;
      if (unusable == null) {
        if (!copyScratch) {
          return PgDumpRun.write(this, pgDump.get(), tables, scratch, Math.max(1, jobs), notices);
        }
        prepare(scratch);
        DumpInfo info = PgDumpRun.write(this, pgDump.get(), tables, scratch, Math.max(1, jobs), notices);
        copyTree(scratch, target);
        return info;
      }
      if (method == DumpMethod.PG_DUMP) {
        throw new DumpException("cannot dump " + db + " with pg_dump: " + unusable);
      }
      notices.accept(unusable + "; using the builtin dump (COPY over JDBC)");
      return BuiltinDump.write(this, tables, target, jobs, unusable);
    } catch (SQLException e) {
      throw new DumpException("cannot dump " + db + ", schema '" + db.schema() + "': " + e.getMessage(), e);
    }
  }

  /** A piece of reading done inside a transaction that adopted the snapshot. */
  @FunctionalInterface
  interface Read {
    void run() throws SQLException;
  }

  /**
   * Runs {@code read} on {@code c} (a connection of its own, in autocommit) inside a read-only
   * transaction that adopts this snapshot ({@code SET TRANSACTION SNAPSHOT}), as pg_dump's workers do.
   */
  void adopt(Connection c, Read read) throws SQLException {
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
      }
      read.run();
    } finally {
      c.rollback();
      c.setReadOnly(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      c.setAutoCommit(true);
    }
  }

  Connection connection() {
    return connection;
  }

  Database database() {
    return db;
  }

  String snapshotId() {
    return snapshotId;
  }

  /** Ends the snapshot's transaction and gives its connection back (to the pool, or closed). */
  @Override
  public void close() {
    release(connection);
  }

  private static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new DumpException("cannot dump into " + dir + ": the directory is not empty");
        }
      }
    } catch (IOException e) {
      throw new DumpException("cannot dump into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path dir, DumpTarget target) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        target.write(dir.relativize(file).toString().replace('\\', '/'), out -> Files.copy(file, out));
      }
    } catch (IOException e) {
      throw new DumpException("cannot store the dump written under " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void release(Connection c) {
    try (c) {
      c.rollback();
      c.setReadOnly(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // the pool discards a connection it cannot reset; nothing was written on it
    }
  }
}
