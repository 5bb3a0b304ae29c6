package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DataSourcesTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void unusedPortFailsFastNamingHostPortAndUserButNotThePassword() throws IOException {
    int port = unusedPort();
    PgSettings s = new PgSettings("127.0.0.1", port, "kong", "hunter2", "kong", "", false, false, 5000, 0);
    long start = System.nanoTime();
    assertThatThrownBy(() -> DataSources.open(s))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + port + " as user 'kong' (database 'kong'):"
            + " connection refused; is the server running? check pg_host and pg_port")
        .message().doesNotContain("hunter2");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
  }

  @Test
  void missingDatabaseIsReportedAsSuchWithACreatedbHint() {
    PgSettings s = DB.settings().withDatabase("sb_no_such_database");
    assertThatThrownBy(() -> DataSources.open(s))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage("PostgreSQL at " + s.endpoint() + " has no database 'sb_no_such_database' (user '" + s.user()
            + "'); create it, for example with: createdb -h " + s.host() + " -p " + s.port() + " -U " + s.user()
            + " sb_no_such_database");
  }

  @Test
  void unknownUserIsReportedAsRefusedByTheServer() {
    PgSettings s = DB.settings().withEndpoint(DB.settings().host(), DB.settings().port(), "sb_no_such_role");
    assertThatThrownBy(() -> DataSources.open(s))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("PostgreSQL at " + s.endpoint() + " refused user 'sb_no_such_role' (database '"
            + DB.name() + "'): role \"sb_no_such_role\" does not exist");
  }

  @Test
  void workingSettingsOpenAPoolNamedSilverback() throws SQLException {
    try (HikariDataSource ds = DataSources.open(DB.settings()); Connection c = ds.getConnection()) {
      assertThat(scalar(c, "SELECT current_database()")).isEqualTo(DB.name());
      assertThat(scalar(c, "SELECT current_setting('application_name')")).isEqualTo("silverback");
      assertThat(ds.getPoolName()).isEqualTo("silverback");
      assertThat(ds.getMaximumPoolSize()).isEqualTo(10);
    }
  }

  @Test
  void schemaSettingBecomesTheCurrentSchema() throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS edge");
    }
    PgSettings s = new PgSettings(DB.settings().host(), DB.settings().port(), DB.settings().user(),
        DB.settings().password(), DB.name(), "edge", false, false, 5000, 3);
    try (HikariDataSource ds = DataSources.open(s); Connection c = ds.getConnection()) {
      assertThat(scalar(c, "SELECT current_schema()")).isEqualTo("edge");
      assertThat(ds.getMaximumPoolSize()).isEqualTo(3);
    }
  }

  @Test
  void plainConnectionUsesTheSameSettings() throws SQLException {
    try (Connection c = DataSources.connection(DB.settings())) {
      assertThat(scalar(c, "SELECT current_database()")).isEqualTo(DB.name());
    }
  }

  @Test
  void poolTimeoutsFollowPgTimeout() {
    HikariConfig c = DataSources.config(new PgSettings("h", 1, "u", "", "d", "", false, false, 1000, 0));
    assertThat(c.getConnectionTimeout()).isEqualTo(1000);
    assertThat(c.getValidationTimeout()).isEqualTo(1000);
    assertThat(c.getInitializationFailTimeout()).isEqualTo(-1);
    assertThat(DataSources.config(new PgSettings("h", 1, "u", "", "d", "", false, false, 100, 0))
        .getConnectionTimeout()).isEqualTo(250);
  }
}
