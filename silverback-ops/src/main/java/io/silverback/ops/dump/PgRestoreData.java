package io.silverback.ops.dump;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rows of a pg_dump directory archive, read through {@code pg_restore --data-only --file=-}:
 * its output holds one {@code COPY <schema>.<table> (<columns>) FROM stdin;} block per table,
 * in COPY text, ended by a {@code \.} line. Each block is streamed into the same table of another
 * schema; everything else in the script ({@code SET} lines, comments) is ignored.
 */
final class PgRestoreData {
  private static final byte[] END = "\\.".getBytes(StandardCharsets.US_ASCII);

  private PgRestoreData() {}

  static Map<String, Long> copyInto(Connection c, String schema, DumpLayout layout, Path dir, String pathVariable)
      throws SQLException {
    Path archive = dir.resolve(DumpLayout.PG_DUMP);
    PgTool tool = PgTool.find("pg_restore", pathVariable).orElseThrow(() -> new DumpException("cannot load "
        + archive + ": pg_restore not found on PATH; install the PostgreSQL client, or restore the bundle's"
        + " declarative export (--mode declarative)"));
    Map<String, Long> expected = new LinkedHashMap<>();
    layout.tables().forEach(t -> expected.put(t.name(), t.rows()));
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Path errors = Files.createTempFile("silverback-pg_restore-", ".log");
      try {
        Process p = new ProcessBuilder(List.of(tool.path().toString(), "--data-only", "--file=-", archive.toString()))
            .redirectError(errors.toFile()).start();
        p.getOutputStream().close();
        try (InputStream in = new BufferedInputStream(p.getInputStream(), 1 << 20)) {
          readBlocks(c, schema, in, rows);
        } finally {
          int code = p.waitFor();
          if (code != 0) {
            throw new DumpException("pg_restore of " + archive + " failed (exit " + code + "): "
                + Files.readString(errors).strip());
          }
        }
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new DumpException("cannot read " + archive + " through pg_restore: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while reading " + archive, e);
    }
    for (Map.Entry<String, Long> t : expected.entrySet()) {
      long n = rows.getOrDefault(t.getKey(), 0L);
      if (n != t.getValue()) {
        throw new DumpException("table " + t.getKey() + ": " + archive + " holds " + n + " rows, " + DumpLayout.FILE
            + " says " + t.getValue() + "; the dump is damaged");
      }
    }
    return rows;
  }

  private static void readBlocks(Connection c, String schema, InputStream in, Map<String, Long> rows)
      throws IOException, SQLException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
    while (readLine(in, line)) {
      Optional<String[]> header = header(line.toString(StandardCharsets.UTF_8));
      if (header.isEmpty()) {
        continue;
      }
      String table = header.get()[0];
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY "
          + SchemaTables.qualified(schema, table) + " (" + header.get()[1] + ") FROM STDIN");
      try {
        while (readLine(in, line) && !isEnd(line)) {
          line.write('\n');
          copy.writeToCopy(line.toByteArray(), 0, line.size());
        }
        rows.put(table, copy.endCopy());
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
  }

  /** The table (unquoted) and the column list (as written) of a {@code COPY ... FROM stdin;} line. */
  static Optional<String[]> header(String line) {
    if (!line.startsWith("COPY ") || !line.endsWith(" FROM stdin;")) {
      return Optional.empty();
    }
    int open = line.indexOf(" (");
    int close = line.lastIndexOf(") FROM stdin;");
    String qualified = line.substring(5, open);
    String table = qualified.substring(qualified.lastIndexOf('.') + 1);
    if (table.startsWith("\"")) {
      table = table.substring(1, table.length() - 1).replace("\"\"", "\"");
    }
    return Optional.of(new String[] {table, line.substring(open + 2, close)});
  }

  private static boolean isEnd(ByteArrayOutputStream line) {
    return line.size() == END.length && Arrays.equals(line.toByteArray(), END);
  }

  /** Reads up to the next newline (dropped) into {@code line}; false at the end of the stream. */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return b != -1 || line.size() > 0;
  }
}
