package io.silverback.ops.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;

/**
 * The dump that needs no PostgreSQL client programs: {@code COPY <table> (<columns>) TO STDOUT}
 * for every table of the schema, streamed into one COPY text file per table. With one job it
 * reads on the snapshot's connection; with more, as {@code pg_dump -j} does, each table is read
 * on its own pool connection whose transaction adopts the exported snapshot
 * ({@code SET TRANSACTION SNAPSHOT}), so every table still shows the same instant. COPY text is
 * what {@code COPY FROM STDIN} reads back, so a load needs no parsing; it is independent of the
 * server version, unlike pg_dump's archive.
 */
final class BuiltinDump {
  static final String TOOL = "silverback builtin COPY";
  /** Rows (as the planner estimates them) from which a table is worth its own connection. */
  static final long PARALLEL_ROWS = 100_000;
  private static final int BUFFER = 1 << 20;

  private BuiltinDump() {}

  static DumpInfo write(DatabaseSnapshot snapshot, Map<String, List<String>> tables, Path dir, int jobs,
      String fallbackReason) throws SQLException {
    return write(snapshot, tables, dir, jobs, PARALLEL_ROWS, fallbackReason);
  }

  /**
   * As {@link #write(DatabaseSnapshot, Map, Path, int, String)}; the tables are read in parallel
   * only when at least two hold about {@code parallelRows} rows or more (else opening the extra
   * connections costs more than it saves).
   */
  static DumpInfo write(DatabaseSnapshot snapshot, Map<String, List<String>> tables, Path dir, int jobs,
      long parallelRows, String fallbackReason) throws SQLException {
    String schema = snapshot.database().schema();
    Map<String, Long> counted = new ConcurrentHashMap<>();
    try {
      Files.createDirectories(dir.resolve(DumpLayout.TABLES));
      if (jobs <= 1 || largeTables(snapshot.connection(), schema, parallelRows) < 2) {
        for (Map.Entry<String, List<String>> t : tables.entrySet()) {
          counted.put(t.getKey(), copyOut(snapshot.connection(), schema, t.getKey(), t.getValue(), dir));
        }
      } else {
        List<Parallel.Work> work = new ArrayList<>();
        for (Map.Entry<String, List<String>> t : tables.entrySet()) {
          work.add(c -> counted.put(t.getKey(), inSnapshot(c, snapshot.snapshotId(),
              () -> copyOut(c, schema, t.getKey(), t.getValue(), dir))));
        }
        Parallel.run(snapshot.database().dataSource(), jobs, work);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DumpException("cannot write the builtin dump of schema '" + schema + "' under " + dir + ": "
          + e.getMessage(), e);
    }
    List<DumpLayout.TableDump> dumped = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> t : tables.entrySet()) {
      long n = counted.get(t.getKey());
      dumped.add(new DumpLayout.TableDump(t.getKey(), t.getValue(), n, file(t.getKey())));
      rows.put(t.getKey(), n);
    }
    new DumpLayout("builtin", snapshot.schemaLevel(), snapshot.serverVersion(), schema, dumped).write(dir);
    return new DumpInfo("builtin", TOOL, fallbackReason, rows);
  }

  private static int largeTables(Connection c, String schema, long parallelRows) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_class WHERE relkind = 'r'"
        + " AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND reltuples >= ?")) {
      st.setString(1, schema);
      st.setLong(2, parallelRows);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A read that throws what a COPY throws. */
  @FunctionalInterface
  private interface Read {
    long run() throws SQLException;
  }

  private static long inSnapshot(Connection c, String snapshotId, Read read) throws SQLException {
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
      }
      return read.run();
    } finally {
      c.rollback();
      c.setReadOnly(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      c.setAutoCommit(true);
    }
  }

  private static long copyOut(Connection c, String schema, String table, List<String> columns, Path dir)
      throws SQLException {
    String sql = "COPY " + SchemaTables.qualified(schema, table) + " (" + SchemaTables.columnList(columns)
        + ") TO STDOUT";
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(file(table))), BUFFER)) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String file(String table) {
    return DumpLayout.TABLES + "/" + table + ".copy";
  }
}
