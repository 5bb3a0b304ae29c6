package io.silverback.ops.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;

/**
 * The dump that needs no PostgreSQL client programs: {@code COPY <table> (<columns>) TO STDOUT
 * (FORMAT binary)} for every table of the schema, streamed into one COPY file per table of a
 * {@link DumpTarget} (a bundle compresses each as the rows arrive). With one job it reads on the
 * snapshot's connection; with more, as {@code pg_dump -j} does, {@code jobs} connections each adopt
 * the exported snapshot once and take the tables one after the other, largest first, so every
 * table still shows the same instant. What COPY writes is what {@code COPY FROM STDIN} reads
 * back, so neither side parses rows.
 *
 * <p>Why binary, not pg_dump's text: the server writes it in about 40 % less time and reads it
 * back in about 45 % less (100k entities: routes 20 ms against 31 ms out, 70 ms against 120 ms
 * in), since uuids, arrays and timestamps cross as they are stored and only the json is checked.
 * PostgreSQL does not promise binary COPY across major versions in general, but the types of
 * Silverback's tables (uuid, text, text[], json, jsonb, timestamptz) have had one binary form
 * since 8.4, arrays name built-in element types whose oids never change, and text crosses in the
 * client encoding (UTF8) as in text COPY. The tables are always rebuilt by this build's
 * migrations at the dump's level, so each column's type matches the file's.
 */
final class BuiltinDump {
  static final String TOOL = "silverback builtin COPY";
  /**
   * Bytes on disk from which a table is worth a connection of its own (the size, unlike the
   * planner's row estimate, is known before the first ANALYZE): the rows are compressed as they
   * are read, so a table of about 10k rows already costs more client time than opening a connection.
   */
  static final long PARALLEL_BYTES = 1 << 20;
  /** The driver hands COPY out a row at a time; the target (a compressor) is fed in larger writes. */
  private static final int BUFFER = 1 << 16;

  private BuiltinDump() {}

  static DumpInfo write(DatabaseSnapshot snapshot, Map<String, List<String>> tables, DumpTarget target, int jobs,
      String fallbackReason) throws SQLException {
    return write(snapshot, tables, target, jobs, PARALLEL_BYTES, fallbackReason);
  }

  /**
   * As {@link #write(DatabaseSnapshot, Map, DumpTarget, int, String)}; the tables are read in
   * parallel only when at least two take {@code parallelBytes} or more on disk (else opening the
   * extra connections costs more than it saves), the largest first.
   */
  static DumpInfo write(DatabaseSnapshot snapshot, Map<String, List<String>> tables, DumpTarget target, int jobs,
      long parallelBytes, String fallbackReason) throws SQLException {
    String schema = snapshot.database().schema();
    Map<String, Long> counted = new ConcurrentHashMap<>();
    try {
      List<String> largest = jobs <= 1 ? List.of()
          : largestFirst(snapshot.connection(), schema, parallelBytes).stream().filter(tables::containsKey).toList();
      if (largest.size() < 2) {
        for (Map.Entry<String, List<String>> t : tables.entrySet()) {
          counted.put(t.getKey(), copyOut(snapshot.connection(), schema, t.getKey(), t.getValue(), target));
        }
      } else {
        Queue<String> queue = new ConcurrentLinkedQueue<>(largest);
        tables.keySet().stream().filter(t -> !largest.contains(t)).forEach(queue::add);
        List<Parallel.Work> workers = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
          workers.add(c -> snapshot.adopt(c, () -> {
            for (String t = queue.poll(); t != null; t = queue.poll()) {
              counted.put(t, copyOut(c, schema, t, tables.get(t), target));
            }
          }));
        }
        Parallel.run(snapshot.database().dataSource(), jobs, workers);
      }
      List<DumpLayout.TableDump> dumped = new ArrayList<>();
      Map<String, Long> rows = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> t : tables.entrySet()) {
        long n = counted.get(t.getKey());
        dumped.add(new DumpLayout.TableDump(t.getKey(), t.getValue(), n, file(t.getKey()), DumpLayout.BINARY));
        rows.put(t.getKey(), n);
      }
      DumpLayout layout = new DumpLayout("builtin", snapshot.schemaLevel(), snapshot.serverVersion(), schema, dumped);
      layout.write(target);
      return new DumpInfo("builtin", TOOL, fallbackReason, rows);
    } catch (UncheckedIOException e) {
      throw new DumpException("cannot write the builtin dump of schema '" + schema + "': " + e.getMessage(), e);
    }
  }

  /** The tables that take at least {@code parallelBytes} on disk, largest first (started first, they keep every connection busy). */
  private static List<String> largestFirst(Connection c, String schema, long parallelBytes) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT relname FROM (SELECT relname, pg_relation_size(oid) AS bytes"
        + " FROM pg_class WHERE relkind = 'r' AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)) t"
        + " WHERE bytes >= ? ORDER BY bytes DESC, relname")) {
      st.setString(1, schema);
      st.setLong(2, parallelBytes);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }

  /**
   * Streams one table into its file of {@code target}.
   *
   * @throws DumpException naming the table when the server fails the COPY
   * @throws UncheckedIOException when the file cannot be written
   */
  private static long copyOut(Connection c, String schema, String table, List<String> columns, DumpTarget target) {
    String sql = "COPY " + SchemaTables.qualified(schema, table) + " (" + SchemaTables.columnList(columns)
        + ") TO STDOUT (FORMAT binary)";
    long[] rows = new long[1];
    try {
      target.write(file(table), out -> {
        OutputStream buffered = new BufferedOutputStream(out, BUFFER);
        try {
          rows[0] = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, buffered);
        } catch (SQLException e) {
          throw new DumpException("cannot read table '" + table + "' of schema '" + schema + "': " + e.getMessage(), e);
        }
        buffered.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows[0];
  }

  private static String file(String table) {
    return DumpLayout.TABLES + "/" + table + ".copy";
  }
}
