package io.silverback.store.pg;

import com.zaxxer.hikari.HikariDataSource;
import io.silverback.core.conf.NodeConf;
import io.silverback.store.DatabaseUnavailableException;
import javax.sql.DataSource;

/**
 * The PostgreSQL a command or node uses: the server named by {@code pg_host}, or, when {@code
 * pg_host} is empty, the embedded server under {@code <prefix>/pgdata}, started (or joined) here,
 * in which the database {@code pg_database} is created when missing and used as the embedded
 * superuser. Its connections come from a pool, or, for a command that runs once, are plain
 * connections ({@link #openDirect}). Closing it closes the connections, then stops the embedded server if
 * this process started it.
 */
public final class Database implements AutoCloseable {
  private final PgSettings settings;
  private final DataSource connections;
  private final Runnable closeConnections;
  private final EmbeddedDatabase embedded;

  private Database(PgSettings settings, DataSource connections, Runnable closeConnections, EmbeddedDatabase embedded) {
    this.settings = settings;
    this.connections = connections;
    this.closeConnections = closeConnections;
    this.embedded = embedded;
  }

  /**
   * Opens the database of {@code conf} with a pool of connections, failing fast.
   *
   * @throws DatabaseUnavailableException when the server cannot be reached, refuses the user, lacks
   *     the database, or the embedded server cannot start; the message says what to check
   * @throws io.silverback.core.conf.ConfException when a {@code pg_*} value is invalid
   */
  public static Database open(NodeConf conf) {
    return open(conf, true);
  }

  /**
   * As {@link #open}, for a command that runs once and exits: every {@link #dataSource()}
   * connection is a plain connection of its own (the first one is already open), so there is no
   * pool to start, fill and stop.
   *
   * @throws DatabaseUnavailableException as {@link #open}
   * @throws io.silverback.core.conf.ConfException when a {@code pg_*} value is invalid
   */
  public static Database openDirect(NodeConf conf) {
    return open(conf, false);
  }

  private static Database open(NodeConf conf, boolean pooled) {
    PgSettings configured = PgSettings.from(conf);
    if (!configured.embedded()) {
      return connect(configured, pooled, null);
    }
    EmbeddedDatabase server = EmbeddedDatabase.start(conf.prefix());
    try {
      PgSettings s = configured.withEndpoint(server.host(), server.port(), server.user());
      s = new PgSettings(s.host(), s.port(), s.user(), "", s.database(), s.schema(), false, false,
          s.timeoutMillis(), s.maxConcurrentQueries());
      DatabaseCreation.ensureExists(s);
      return connect(s, pooled, server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static Database connect(PgSettings s, boolean pooled, EmbeddedDatabase server) {
    if (pooled) {
      HikariDataSource pool = DataSources.open(s);
      return new Database(s, pool, pool::close, server);
    }
    DirectConnections direct = new DirectConnections(s);
    return new Database(s, direct, direct::close, server);
  }

  /** The connections (a pool, or plain ones); do not close it, close this instead. */
  public DataSource dataSource() {
    return connections;
  }

  /** The settings in effect: for the embedded database, its host, port and superuser. */
  public PgSettings settings() {
    return settings;
  }

  /** The schema entities live in: {@code pg_schema}, or {@code public} when unset. */
  public String schema() {
    return settings.schema().isEmpty() ? "public" : settings.schema();
  }

  /** True when this is the embedded database. */
  public boolean embedded() {
    return embedded != null;
  }

  /** Closes the pool (or the unused first direct connection), then stops the embedded server if this process started it. */
  @Override
  public void close() {
    try {
      closeConnections.run();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Database[" + settings.describe() + "]";
  }
}
