package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the configured database on a server Silverback runs itself. Only for the embedded
 * database: on a configured server, creating databases is the administrator's call.
 */
final class DatabaseCreation {
  private static final String DUPLICATE_DATABASE = "42P04";

  private DatabaseCreation() {}

  /**
   * Creates {@code s.database()} unless it exists, connected as {@code s.user()} to the {@code
   * postgres} maintenance database. Two processes racing to create it is fine.
   *
   * @throws DatabaseUnavailableException when the server cannot be reached or refuses
   */
  static void ensureExists(PgSettings s) {
    PgSettings admin = s.withDatabase("postgres");
    try (Connection c = DataSources.connection(admin)) {
      if (!exists(c, s.database())) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + quote(s.database()));
        }
      }
    } catch (SQLException e) {
      if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
        throw new DatabaseUnavailableException("cannot create database '" + s.database() + "' on "
            + admin.describe() + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A quoted SQL identifier. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
