package io.silverback.ops.dump;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Streams the COPY text files of a builtin dump into the tables of a schema, several tables at
 * once, checking every row count.
 */
final class BuiltinLoad {
  private static final int BUFFER = 1 << 20;

  private BuiltinLoad() {}

  /** Loads every table, {@code jobs} at a time, largest first; the row counts must match {@code dump.json}. */
  static Map<String, Long> copyInto(DataSource dataSource, String schema, DumpLayout layout, Path dir, int jobs)
      throws SQLException {
    Map<String, Long> rows = new ConcurrentHashMap<>();
    List<Parallel.Work> work = layout.tables().stream()
        .sorted(Comparator.comparingLong(DumpLayout.TableDump::rows).reversed())
        .map(t -> (Parallel.Work) c -> rows.put(t.name(), copy(c, schema, t, dir))).toList();
    Parallel.run(dataSource, jobs, work);
    Map<String, Long> ordered = new LinkedHashMap<>();
    layout.tables().forEach(t -> ordered.put(t.name(), rows.get(t.name())));
    return ordered;
  }

  private static long copy(Connection c, String schema, DumpLayout.TableDump t, Path dir) throws SQLException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Path file = dir.resolve(t.file());
    String sql = "COPY " + SchemaTables.qualified(schema, t.name()) + " (" + SchemaTables.columnList(t.columns())
        + ") FROM STDIN";
    long n;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      n = copy.copyIn(sql, in);
    } catch (IOException e) {
      throw new DumpException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DumpException("table " + t.name() + " of " + file + " does not load: " + e.getMessage(), e);
    }
    if (n != t.rows()) {
      throw new DumpException("table " + t.name() + ": " + file + " holds " + n + " rows, " + DumpLayout.FILE
          + " says " + t.rows() + "; the dump is damaged");
    }
    return n;
  }
}
