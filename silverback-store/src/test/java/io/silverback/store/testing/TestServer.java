package io.silverback.store.testing;

import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.pg.DataSources;
import io.silverback.store.pg.EmbeddedDatabase;
import io.silverback.store.pg.PgSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL server the tests of this JVM use, chosen once: the one at 127.0.0.1:5432 (or {@code
 * SILVERBACK_TEST_PG_HOST} / {@code SILVERBACK_TEST_PG_PORT}, user {@code PGUSER} else {@code
 * postgres}, password {@code PGPASSWORD}) when it answers within 2 s, else one embedded server for the
 * whole JVM, stopped when the JVM exits.
 */
final class TestServer {
  private static final int PROBE_TIMEOUT_MS = 2000;
  private static PgSettings admin;

  private TestServer() {}

  /** Settings for the {@code postgres} maintenance database, as a user allowed to create databases. */
  static synchronized PgSettings admin() {
    if (admin == null) {
      admin = find();
    }
    return admin;
  }

  private static PgSettings find() {
    PgSettings local = new PgSettings(env("SILVERBACK_TEST_PG_HOST", "127.0.0.1"),
        Integer.parseInt(env("SILVERBACK_TEST_PG_PORT", "5432")), env("PGUSER", "postgres"), env("PGPASSWORD", ""),
        "postgres", "", false, false, PROBE_TIMEOUT_MS, 0);
    try (Connection c = DataSources.connection(local)) {
      c.isValid(1);
      return local;
    } catch (DatabaseUnavailableException | SQLException e) {
      System.err.println("TestDatabase: " + e.getMessage() + "; using an embedded PostgreSQL instead");
      EmbeddedDatabase embedded = EmbeddedDatabase.start(tempDir());
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "silverback-test-pg-stop"));
      return local.withEndpoint(embedded.host(), embedded.port(), embedded.user());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("silverback-test-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
