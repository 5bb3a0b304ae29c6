package io.silverback.store.pg;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain connections for a command that runs once and exits (a backup): no pool, no housekeeping
 * thread, and no connection beyond those the command asks for. The first connection is the one
 * opened to check the server when the database was opened; every later one is new. Closing a
 * connection closes it.
 */
final class DirectConnections extends ConnectionSource {
  private final PgSettings settings;
  private Connection first;

  /**
   * Opens the first connection.
   *
   * @throws io.silverback.store.DatabaseUnavailableException as {@link DataSources#open}
   */
  DirectConnections(PgSettings settings) {
    this.settings = settings;
    this.first = DataSources.connection(settings);
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    if (first != null) {
      Connection c = first;
      first = null;
      return c;
    }
    return DataSources.connect(settings);
  }

  /** Closes the first connection if nobody took it. */
  synchronized void close() {
    if (first != null) {
      try {
        first.close();
      } catch (SQLException e) {
        // the server drops the session on its own
      }
      first = null;
    }
  }
}
