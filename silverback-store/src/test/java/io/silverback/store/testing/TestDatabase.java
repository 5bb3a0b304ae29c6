package io.silverback.store.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.silverback.core.conf.NodeConf;
import io.silverback.store.pg.DataSources;
import io.silverback.store.pg.PgSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, real PostgreSQL database for one test class, dropped afterwards:
 *
 * <pre>{@code @RegisterExtension static final TestDatabase DB = new TestDatabase();}</pre>
 *
 * <p>Before all tests it creates {@code sb_<class name>_<6 random chars>} on the server chosen by
 * {@link TestServer} (the local PostgreSQL, else one embedded server per JVM). After all tests it
 * closes the pools it opened and drops the database, ending any connection still using it.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final int MAX_CLASS_PART = 40;
  private static final int TIMEOUT_MS = 10_000;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<HikariDataSource> pools = new ArrayList<>();
  private PgSettings settings;
  private Path prefix;
  private HikariDataSource dataSource;

  @Override
  public void beforeAll(ExtensionContext context) {
    start(context.getRequiredTestClass());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Settings pointing at the test database. */
  public PgSettings settings() {
    if (settings == null) {
      throw new IllegalStateException("TestDatabase is not started: register it as"
          + " '@RegisterExtension static final TestDatabase DB = new TestDatabase();'");
    }
    return settings;
  }

  /** The test database's name. */
  public String name() {
    return settings().database();
  }

  /** A pool on the test database, opened on first use and closed after all tests. */
  public synchronized HikariDataSource dataSource() {
    if (dataSource == null) {
      dataSource = newDataSource();
    }
    return dataSource;
  }

  /** A second, independent pool on the test database, closed after all tests. */
  public synchronized HikariDataSource newDataSource() {
    HikariDataSource pool = DataSources.open(settings());
    pools.add(pool);
    return pool;
  }

  /**
   * A node configuration whose {@code pg_*} keys point at the test database and whose {@code prefix}
   * is a temporary directory deleted after all tests, for code that goes through {@code
   * Database.open(conf)}.
   */
  public NodeConf conf() {
    return conf(Map.of());
  }

  /** As {@link #conf()}, with more keys set (they win). */
  public NodeConf conf(Map<String, String> more) {
    PgSettings s = settings();
    Map<String, String> flags = new HashMap<>(Map.of("prefix", prefix.toString(), "database", "postgres",
        "pg_host", s.host(), "pg_port", String.valueOf(s.port()), "pg_user", s.user(),
        "pg_password", s.password(), "pg_database", s.database()));
    flags.putAll(more);
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }

  /**
   * Creates the database for {@code testClass}, as {@link #beforeAll} does, for test engines that
   * do not run Jupiter extensions (jqwik's {@code @BeforeContainer}).
   */
  public synchronized void start(Class<?> testClass) {
    PgSettings admin = TestServer.admin();
    String name = databaseName(testClass);
    execute(admin, "CREATE DATABASE " + quote(name));
    settings = new PgSettings(admin.host(), admin.port(), admin.user(), admin.password(), name, "", false, false,
        TIMEOUT_MS, 0);
    try {
      prefix = Files.createTempDirectory("silverback-test-prefix-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the pools and drops the database, as {@link #afterAll} does. */
  public synchronized void stop() {
    if (settings == null) {
      return;
    }
    pools.forEach(HikariDataSource::close);
    pools.clear();
    dataSource = null;
    // FORCE terminates the connections still open on it (PostgreSQL 13+).
    execute(TestServer.admin(), "DROP DATABASE IF EXISTS " + quote(settings.database()) + " WITH (FORCE)");
    deleteTree(prefix);
    settings = null;
  }

  static String databaseName(Class<?> testClass) {
    String part = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    StringBuilder name = new StringBuilder("sb_").append(part, 0, Math.min(part.length(), MAX_CLASS_PART)).append('_');
    for (int i = 0; i < 6; i++) {
      name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }

  private static void execute(PgSettings admin, String sql) {
    try (Connection c = DataSources.connection(admin); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("TestDatabase: '" + sql + "' failed on " + admin.describe() + ": "
          + e.getMessage(), e);
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("TestDatabase: cannot delete " + root, e);
    }
  }
}
