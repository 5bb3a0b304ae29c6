package io.silverback.ops.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The dump that needs no PostgreSQL client programs: {@code COPY <table> (<columns>) TO STDOUT}
 * for every table of the schema, streamed into one COPY text file per table, on the snapshot's
 * connection. COPY text is what {@code COPY FROM STDIN} reads back, so a load needs no parsing; it
 * is independent of the server version, unlike pg_dump's archive.
 */
final class BuiltinDump {
  static final String TOOL = "silverback builtin COPY";
  private static final int BUFFER = 1 << 20;

  private BuiltinDump() {}

  static DumpInfo write(DatabaseSnapshot snapshot, Map<String, List<String>> tables, Path dir, String fallbackReason)
      throws SQLException {
    String schema = snapshot.database().schema();
    CopyManager copy = snapshot.connection().unwrap(PGConnection.class).getCopyAPI();
    Path tableDir = dir.resolve(DumpLayout.TABLES);
    List<DumpLayout.TableDump> dumped = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Files.createDirectories(tableDir);
      for (Map.Entry<String, List<String>> t : tables.entrySet()) {
        String file = DumpLayout.TABLES + "/" + t.getKey() + ".copy";
        String sql = "COPY " + SchemaTables.qualified(schema, t.getKey()) + " ("
            + SchemaTables.columnList(t.getValue()) + ") TO STDOUT";
        long n;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(file)), BUFFER)) {
          n = copy.copyOut(sql, out);
        }
        dumped.add(new DumpLayout.TableDump(t.getKey(), t.getValue(), n, file));
        rows.put(t.getKey(), n);
      }
    } catch (IOException e) {
      throw new DumpException("cannot write the builtin dump of schema '" + schema + "' under " + dir + ": "
          + e.getMessage(), e);
    }
    new DumpLayout("builtin", snapshot.schemaLevel(), snapshot.serverVersion(), schema, dumped).write(dir);
    return new DumpInfo("builtin", TOOL, fallbackReason, rows);
  }
}
