package io.silverback.ops.dump;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Streams the COPY text files of a builtin dump into the tables of a schema, checking every row count. */
final class BuiltinLoad {
  private static final int BUFFER = 1 << 20;

  private BuiltinLoad() {}

  static Map<String, Long> copyInto(Connection c, String schema, DumpLayout layout, Path dir) throws SQLException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (DumpLayout.TableDump t : layout.tables()) {
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
      rows.put(t.name(), n);
    }
    return rows;
  }
}
