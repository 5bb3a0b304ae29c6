package io.silverback.store.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.silverback.store.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens connections to PostgreSQL, failing fast.
 *
 * <p>Why a probe before the pool: HikariCP's own fail-fast ({@code initializationFailTimeout})
 * logs the failure with a stack trace and then throws an exception whose cause is buried; a CLI must
 * print one sentence. So {@link #open} makes exactly one plain connection first, turns a failure into
 * a {@link DatabaseUnavailableException} that says what to check, and only then builds the pool with
 * HikariCP's start-up check disabled. There are no retries: a misconfigured command fails in the time
 * of one attempt, not after a retry storm.
 */
public final class DataSources {
  /** The pool's name, as shown in HikariCP's logs and metrics. */
  public static final String POOL_NAME = "silverback";
  private static final int HIKARI_MIN_TIMEOUT_MS = 250;

  private DataSources() {}

  /**
   * Opens a pool of {@link PgSettings#poolSize()} connections (opened as needed; one is kept idle),
   * after one connection attempt that proves the server, user and database are there.
   *
   * @throws DatabaseUnavailableException naming host, port, user and database, and the cause in words
   *     (connection refused, password refused, no such database, timeout)
   * @throws IllegalStateException when {@code s} is the embedded database not yet started
   */
  public static HikariDataSource open(PgSettings s) {
    try (Connection probe = connect(s)) {
      probe.isValid(1);
    } catch (SQLException e) {
      throw ConnectFailures.describe(s, e);
    }
    return new HikariDataSource(config(s));
  }

  /**
   * One plain connection outside any pool, for a session of its own ({@code LISTEN}, administration),
   * with the settings' URL, user and password.
   *
   * @throws DatabaseUnavailableException as {@link #open}
   */
  public static Connection connection(PgSettings s) {
    try {
      return connect(s);
    } catch (SQLException e) {
      throw ConnectFailures.describe(s, e);
    }
  }

  static HikariConfig config(PgSettings s) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(POOL_NAME);
    c.setDriverClassName(Driver.class.getName());
    c.setJdbcUrl(s.jdbcUrl());
    c.setUsername(s.user());
    c.setPassword(s.password());
    c.setMaximumPoolSize(s.poolSize());
    c.setMinimumIdle(1);
    long timeout = s.timeoutMillis() == 0 ? 0 : Math.max(HIKARI_MIN_TIMEOUT_MS, s.timeoutMillis());
    c.setConnectionTimeout(timeout);
    if (timeout > 0) {
      c.setValidationTimeout(Math.min(c.getValidationTimeout(), timeout));
    }
    c.setInitializationFailTimeout(-1);
    return c;
  }

  static Connection connect(PgSettings s) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", s.user());
    props.setProperty("password", s.password());
    Connection c = new Driver().connect(s.jdbcUrl(), props);
    if (c == null) {
      throw new DatabaseUnavailableException("the PostgreSQL driver refused the URL " + s.jdbcUrl(), null);
    }
    return c;
  }
}
