package io.silverback.ops.dump;

import io.silverback.store.pg.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/**
 * Connections of a load opened ahead of need: the COPY connections of a restore are opened while
 * the private schema is still being built, so the rows start to move as soon as it is (with plain
 * connections, opening two took about 30 ms between the schema and the first COPY). The first
 * {@code count} {@link #getConnection} calls take them, in the order they opened; later ones, and
 * any whose opening failed, open their own from the source, so a failure is reported where the
 * connection is used. {@link #close} closes those nobody took; calls after it open their own.
 */
final class WarmConnections extends ConnectionSource implements AutoCloseable {
  /** A connection opened ahead, or why it could not be. */
  private record Opened(Connection connection, SQLException failure) {}

  private final DataSource source;
  private final BlockingQueue<Opened> opened;
  private final Thread opener;
  private int left;

  private WarmConnections(DataSource source, int count) {
    this.source = source;
    this.left = count;
    this.opened = new ArrayBlockingQueue<>(Math.max(1, count));
    this.opener = new Thread(() -> {
      for (int i = 0; i < count; i++) {
        try {
          opened.add(new Opened(source.getConnection(), null));
        } catch (SQLException e) {
          opened.add(new Opened(null, e));
        }
      }
    }, "silverback-restore-connect");
    opener.setDaemon(true);
  }

  /** Starts opening {@code count} connections of {@code source} on a thread of its own. */
  static WarmConnections open(DataSource source, int count) {
    WarmConnections warm = new WarmConnections(source, count);
    warm.opener.start();
    return warm;
  }

  @Override
  public Connection getConnection() throws SQLException {
    synchronized (this) {
      if (left == 0) {
        return source.getConnection();
      }
      left--;
    }
    try {
      Opened o = opened.take();
      return o.connection() != null ? o.connection() : source.getConnection();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", e);
    }
  }

  /** Waits for the openings to end and closes the connections nobody took; later calls open their own. */
  @Override
  public void close() {
    synchronized (this) {
      left = 0;
    }
    try {
      opener.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Opened o = opened.poll(); o != null; o = opened.poll()) {
      if (o.connection() != null) {
        try {
          o.connection().close();
        } catch (SQLException e) {
          // the server drops the session with the process
        }
      }
    }
  }
}
