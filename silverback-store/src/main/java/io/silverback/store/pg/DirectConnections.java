package io.silverback.store.pg;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Plain connections for a command that runs once and exits (a backup): no pool, no housekeeping
 * thread, and no connection beyond those the command asks for. The first connection is the one
 * opened to check the server when the database was opened; every later one is new. Closing a
 * connection closes it.
 */
final class DirectConnections implements DataSource {
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

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("direct connections use the configured user");
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

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
  }

  @Override
  public void setLoginTimeout(int seconds) {
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
