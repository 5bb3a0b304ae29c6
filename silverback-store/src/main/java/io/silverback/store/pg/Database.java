package io.silverback.store.pg;

import com.zaxxer.hikari.HikariDataSource;
import io.silverback.core.conf.NodeConf;
import io.silverback.store.DatabaseUnavailableException;
import javax.sql.DataSource;

/**
 * The PostgreSQL a command or node uses: the server named by {@code pg_host}, or, when {@code
 * pg_host} is empty, the embedded server under {@code <prefix>/pgdata}, started (or joined) here,
 * in which the database {@code pg_database} is created when missing and used as the embedded
 * superuser. Closing it closes the pool, then stops the embedded server if this process started it.
 */
public final class Database implements AutoCloseable {
  private final PgSettings settings;
  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;

  private Database(PgSettings settings, HikariDataSource pool, EmbeddedDatabase embedded) {
    this.settings = settings;
    this.pool = pool;
    this.embedded = embedded;
  }

  /**
   * Opens the database of {@code conf}, failing fast.
   *
   * @throws DatabaseUnavailableException when the server cannot be reached, refuses the user, lacks
   *     the database, or the embedded server cannot start; the message says what to check
   * @throws io.silverback.core.conf.ConfException when a {@code pg_*} value is invalid
   */
  public static Database open(NodeConf conf) {
    PgSettings configured = PgSettings.from(conf);
    if (!configured.embedded()) {
      return new Database(configured, DataSources.open(configured), null);
    }
    EmbeddedDatabase server = EmbeddedDatabase.start(conf.prefix());
    try {
      PgSettings s = configured.withEndpoint(server.host(), server.port(), server.user());
      s = new PgSettings(s.host(), s.port(), s.user(), "", s.database(), s.schema(), false, false,
          s.timeoutMillis(), s.maxConcurrentQueries());
      DatabaseCreation.ensureExists(s);
      return new Database(s, DataSources.open(s), server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The pool; do not close it, close this instead. */
  public DataSource dataSource() {
    return pool;
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

  /** Closes the pool, then stops the embedded server if this process started it. */
  @Override
  public void close() {
    try {
      pool.close();
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
