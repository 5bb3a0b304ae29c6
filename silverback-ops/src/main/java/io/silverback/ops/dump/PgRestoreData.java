package io.silverback.ops.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rows of a pg_dump directory archive, read through {@code pg_restore --data-only
 * --table=<table> --file=-}, one pg_restore per table and several at once: its output holds one {@code COPY <schema>.<table> (<columns>) FROM stdin;} block per table,
 * in COPY text, ended by a {@code \.} line. Each block is streamed into the same table of another
 * schema; everything else in the script ({@code SET} lines, comments) is ignored.
 */
final class PgRestoreData {
  private static final int BATCH = 1 << 18;
  private static final byte[] END = "\\.".getBytes(StandardCharsets.US_ASCII);

  private PgRestoreData() {}

  /** Loads every table through its own pg_restore, {@code jobs} at a time; row counts must match {@code dump.json}. */
  static Map<String, Long> copyInto(DataSource dataSource, String schema, DumpLayout layout, Path dir,
      String pathVariable, int jobs) throws SQLException {
    Path archive = dir.resolve(DumpLayout.PG_DUMP);
    PgTool tool = PgTool.find("pg_restore", pathVariable).orElseThrow(() -> new DumpException("cannot load "
        + archive + ": pg_restore not found on PATH; install the PostgreSQL client, or restore the bundle's"
        + " declarative export (--mode declarative)"));
    Map<String, Long> rows = new ConcurrentHashMap<>();
    Parallel.run(dataSource, jobs, layout.tables().stream()
        .sorted(Comparator.comparingLong(DumpLayout.TableDump::rows).reversed())
        .map(t -> (Parallel.Work) c -> rows.putAll(restore(c, schema, tool, archive, t.name()))).toList());
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (DumpLayout.TableDump t : layout.tables()) {
      long n = rows.getOrDefault(t.name(), 0L);
      if (n != t.rows()) {
        throw new DumpException("table " + t.name() + ": " + archive + " holds " + n + " rows, " + DumpLayout.FILE
            + " says " + t.rows() + "; the dump is damaged");
      }
      ordered.put(t.name(), n);
    }
    return ordered;
  }

  /** The rows of one table: {@code pg_restore --data-only --table=<table> --file=-}. */
  private static Map<String, Long> restore(Connection c, String schema, PgTool tool, Path archive, String table)
      throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Path errors = Files.createTempFile("silverback-pg_restore-", ".log");
      try {
        Process p = new ProcessBuilder(List.of(tool.path().toString(), "--data-only", "--table=" + table, "--file=-",
            archive.toString())).redirectError(errors.toFile()).start();
        p.getOutputStream().close();
        try (InputStream in = p.getInputStream()) {
          readBlocks(c, schema, in, rows);
        } finally {
          int code = p.waitFor();
          if (code != 0) {
            throw new DumpException("pg_restore of table " + table + " from " + archive + " failed (exit " + code
                + "): " + Files.readString(errors).strip());
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
    return rows;
  }

  private static void readBlocks(Connection c, String schema, InputStream in, Map<String, Long> rows)
      throws IOException, SQLException {
    Lines lines = new Lines(in);
    ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
    ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH + 8192);
    while (lines.next(line)) {
      Optional<String[]> header = header(line.toString(StandardCharsets.UTF_8));
      if (header.isEmpty()) {
        continue;
      }
      String table = header.get()[0];
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY "
          + SchemaTables.qualified(schema, table) + " (" + header.get()[1] + ") FROM STDIN");
      try {
        while (lines.next(line) && !isEnd(line)) {
          line.writeTo(batch);
          batch.write('\n');
          if (batch.size() >= BATCH) {
            copy.writeToCopy(batch.toByteArray(), 0, batch.size());
            batch.reset();
          }
        }
        copy.writeToCopy(batch.toByteArray(), 0, batch.size());
        batch.reset();
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

  /** Lines of a byte stream, without the per-byte locking of {@code BufferedInputStream.read()}. */
  private static final class Lines {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;

    Lines(InputStream in) {
      this.in = in;
    }

    /** Reads up to the next newline (dropped) into {@code line}; false at the end of the stream. */
    boolean next(ByteArrayOutputStream line) throws IOException {
      line.reset();
      while (true) {
        if (pos == end) {
          end = in.read(buffer);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return line.size() > 0;
          }
        }
        int start = pos;
        while (pos < end && buffer[pos] != '\n') {
          pos++;
        }
        line.write(buffer, start, pos - start);
        if (pos < end) {
          pos++;
          return true;
        }
      }
    }
  }
}
