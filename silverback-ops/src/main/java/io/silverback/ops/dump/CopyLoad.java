package io.silverback.ops.dump;

import io.silverback.store.pg.Transactions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams the COPY files of a dump (a builtin dump's binary {@code tables/*.copy}, a pg_dump
 * archive's {@code <id>.dat} text) into the tables of a schema, several tables at once, checking every
 * row count. Each file goes from its source (a directory, or a bundle decoded on the fly) straight
 * into {@code COPY FROM STDIN}; the COPY ends only after the source has checked the whole file,
 * and is cancelled when it fails. As soon as a table's COPY commits, its index builds are queued
 * ahead of the other tables' COPYs ({@link LoadQueue}): they overlap the rest of the load, and
 * the builds of a large table spread over every connection; its constraints are attached once its
 * last build is done.
 */
final class CopyLoad {
  private static final int BUFFER = 1 << 18;
  /**
   * The session of a bulk load: a COPY's commit need not wait for its WAL to reach disk (the
   * swap's commit, which waits, flushes it all before anything is visible), and index builds sort
   * in memory, each in its own server process: the load already builds on every connection, and
   * a build's parallel workers only compete with the other connection's (about 3 % of a 1M-row
   * restore on 2 cores). Reset after, since the connection goes back to a pool.
   */
  private static final String BULK = "SET synchronous_commit = off; SET maintenance_work_mem = '256MB';"
      + " SET max_parallel_maintenance_workers = 0";
  private static final String RESET = "RESET synchronous_commit; RESET maintenance_work_mem;"
      + " RESET max_parallel_maintenance_workers";

  private CopyLoad() {}

  /**
   * Loads every table, {@code jobs} connections at once, largest first, then builds its keys and
   * indexes ({@code keys}, by table name); the row counts must match {@code dump.json}.
   */
  static Map<String, Long> copyInto(DataSource dataSource, String schema, List<DumpLayout.TableDump> tables,
      DumpFiles files, Map<String, StagingIndexes.TableKeys> keys, int jobs) throws SQLException {
    Map<String, Long> rows = new ConcurrentHashMap<>();
    List<LoadQueue.Step> steps = tables.stream()
        .sorted(Comparator.comparingLong(DumpLayout.TableDump::rows).reversed())
        .map(t -> (LoadQueue.Step) c -> {
          if (t.rows() == 0) {
            rows.put(t.name(), requireNoRows(files, t));
            return List.of();
          }
          rows.put(t.name(), load(c, schema, t, files));
          return keySteps(keys.get(t.name()));
        }).toList();
    LoadQueue.run(dataSource, jobs, steps, BULK, RESET);
    Map<String, Long> ordered = new LinkedHashMap<>();
    tables.forEach(t -> ordered.put(t.name(), rows.get(t.name())));
    return ordered;
  }

  /** Copies one table: TRUNCATE and COPY in one transaction. */
  private static long load(Connection c, String schema, DumpLayout.TableDump t, DumpFiles files) throws SQLException {
    long[] n = new long[1];
    Transactions.run(c, () -> {
      DatabaseLoad.execute(c, "TRUNCATE " + SchemaTables.qualified(schema, t.name()));
      n[0] = copy(c, schema, t, files);
    });
    return n[0];
  }

  /**
   * The steps that put a loaded table's keys back: one per index build, the last of which to end
   * makes ready the step that attaches the constraints in one transaction.
   */
  private static List<LoadQueue.Step> keySteps(StagingIndexes.TableKeys keys) {
    if (keys == null || keys.builds().isEmpty()) {
      return List.of();
    }
    AtomicInteger left = new AtomicInteger(keys.builds().size());
    LoadQueue.Step attach = c -> {
      Transactions.run(c, () -> {
        for (String sql : keys.attaches()) {
          DatabaseLoad.execute(c, sql);
        }
      });
      return List.of();
    };
    return keys.builds().stream().map(sql -> (LoadQueue.Step) c -> {
      DatabaseLoad.execute(c, sql);
      return left.decrementAndGet() == 0 && !keys.attaches().isEmpty() ? List.of(attach) : List.of();
    }).toList();
  }

  /**
   * Checks that the file of a table {@code dump.json} calls empty holds no row (in text nothing,
   * or only pg_dump's end-of-data line; in binary the header and trailer alone): such a table needs no COPY, whose round trips cost more than the
   * check, and keeps its keys ({@link StagingIndexes}).
   *
   * @return 0
   * @throws DumpException when it holds anything else
   */
  private static long requireNoRows(DumpFiles files, DumpLayout.TableDump t) {
    String where = files.where() + "/" + t.file();
    try {
      EmptyCheck check = new EmptyCheck(t.binary() ? EmptyCheck.BINARY : EmptyCheck.TEXT);
      files.copyTo(t.file(), check);
      check.end();
      return 0;
    } catch (EmptyCheck.NotEmpty e) {
      throw new DumpException("table " + t.name() + ": " + where + " holds rows, " + DumpLayout.FILE
          + " says none; the dump is damaged");
    } catch (IOException e) {
      throw new DumpException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * One table's COPY, {@code FREEZE}: its rows are written frozen, so the index builds and the
   * foreign-key checks that read them next do not rewrite every page to set hint bits (about an
   * eighth less wall time at 1M rows). PostgreSQL allows it to a transaction that created or
   * truncated the table, hence the TRUNCATE of the empty table before, in the same transaction.
   */
  private static long copy(Connection c, String schema, DumpLayout.TableDump t, DumpFiles files) throws SQLException {
    String where = files.where() + "/" + t.file();
    String sql = "COPY " + SchemaTables.qualified(schema, t.name()) + " (" + SchemaTables.columnList(t.columns())
        + ") FROM STDIN (" + (t.binary() ? "FORMAT binary, " : "") + "FREEZE)";
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    long n;
    try {
      try (OutputStream out = new BufferedOutputStream(new CopyStream(copy), BUFFER)) {
        files.copyTo(t.file(), out);
      }
      n = copy.endCopy();
    } catch (IOException e) {
      throw new DumpException("cannot read " + where + ": " + e.getMessage(), e);
    } catch (CopyFailure e) {
      throw new DumpException("table " + t.name() + " of " + where + " does not load: " + e.getCause().getMessage(),
          e.getCause());
    } catch (SQLException e) {
      throw new DumpException("table " + t.name() + " of " + where + " does not load: " + e.getMessage(), e);
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    if (n != t.rows()) {
      throw new DumpException("table " + t.name() + ": " + where + " holds " + n + " rows, " + DumpLayout.FILE
          + " says " + t.rows() + "; the dump is damaged");
    }
    return n;
  }

  /**
   * The rows of a COPY as a stream. Its failures are unchecked, so a source that maps its own read
   * errors (a damaged file) cannot mistake the server refusing a row for one.
   */
  private static final class CopyStream extends OutputStream {
    private final CopyIn copy;

    CopyStream(CopyIn copy) {
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      try {
        copy.writeToCopy(b, off, len);
      } catch (SQLException e) {
        throw new CopyFailure(e);
      }
    }

    @Override
    public void flush() {
      try {
        copy.flushCopy();
      } catch (SQLException e) {
        throw new CopyFailure(e);
      }
    }
  }

  /**
   * A sink that accepts only what COPY writes for a table without rows: in text, nothing or a
   * {@code \\.} line (and empty lines after it); in binary, the header and the trailer. It stops at
   * anything else.
   */
  private static final class EmptyCheck extends OutputStream {
    private static final byte[] TEXT = {'\\', '.', '\n'};
    /** The signature, flags 0, no header extension, and the trailer (a field count of -1). */
    private static final byte[] BINARY = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private final byte[] expected;
    private int position;

    EmptyCheck(byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) {
      boolean text = expected == TEXT;
      if (position < expected.length ? b != expected[position] : !text || b != '\n') {
        throw new NotEmpty();
      }
      position = Math.min(position + 1, expected.length);
    }

    /** Stops when a binary file ended before its trailer. */
    void end() {
      if (expected == BINARY && position != expected.length) {
        throw new NotEmpty();
      }
    }

    /** The file holds a row. */
    private static final class NotEmpty extends RuntimeException {
      private static final long serialVersionUID = 1L;

      NotEmpty() {
        super("holds a row", null, false, false);
      }
    }
  }

  /** The server refused a write of the COPY. */
  private static final class CopyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CopyFailure(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
