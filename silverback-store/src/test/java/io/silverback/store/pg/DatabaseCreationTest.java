package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseCreationTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  private static boolean exists(String name) throws SQLException {
    try (Connection c = DataSources.connection(DB.settings());
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Test
  void createsTheDatabaseOnceAndLeavesAnExistingOneAlone() throws SQLException {
    String name = DB.name() + "_Created \"x\"";
    PgSettings target = DB.settings().withDatabase(name);
    try {
      DatabaseCreation.ensureExists(target);
      DatabaseCreation.ensureExists(target);
      assertThat(exists(name)).isTrue();
      try (Connection c = DataSources.connection(target); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(name);
      }
    } finally {
      try (Connection c = DataSources.connection(DB.settings()); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + DatabaseCreation.quote(name) + " WITH (FORCE)");
      }
    }
  }
}
