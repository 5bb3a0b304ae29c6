package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.silverback.core.conf.ConfException;
import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  private static String scalar(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void opensTheConfiguredServer() throws SQLException {
    try (Database db = Database.open(DB.conf())) {
      assertThat(db.embedded()).isFalse();
      assertThat(db.settings()).isEqualTo(PgSettings.from(DB.conf()));
      assertThat(db.schema()).isEqualTo("public");
      assertThat(scalar(db, "SELECT current_database()")).isEqualTo(DB.name());
      assertThat(db.toString()).isEqualTo("Database[" + db.settings().describe() + "]");
    }
  }

  @Test
  void schemaIsPgSchemaWhenSet() throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS tenant_a");
    }
    try (Database db = Database.open(DB.conf(Map.of("pg_schema", "tenant_a")))) {
      assertThat(db.schema()).isEqualTo("tenant_a");
      assertThat(scalar(db, "SELECT current_schema()")).isEqualTo("tenant_a");
    }
  }

  @Test
  void closeClosesThePool() {
    Database db = Database.open(DB.conf());
    db.close();
    assertThat(((HikariDataSource) db.dataSource()).isClosed()).isTrue();
  }

  @Test
  void directConnectionsHandOutTheCheckedConnectionFirstThenNewSessions() throws SQLException {
    try (Database db = Database.openDirect(DB.conf(Map.of("pg_schema", "public")))) {
      String first;
      try (Connection c = db.dataSource().getConnection()) {
        first = pid(c);
        try (Connection second = db.dataSource().getConnection()) {
          assertThat(pid(second)).isNotEqualTo(first);
        }
      }
      try (Connection third = db.dataSource().getConnection()) {
        assertThat(pid(third)).isNotEqualTo(first);
        assertThat(scalar(db, "SELECT current_schema()")).isEqualTo("public");
      }
    }
  }

  @Test
  void closingADirectDatabaseEndsItsUntakenConnection() throws SQLException {
    try (Connection watcher = DB.dataSource().getConnection()) {
      Set<Integer> before = sessions(watcher);
      Database db = Database.openDirect(DB.conf());
      Set<Integer> opened = new HashSet<>(sessions(watcher));
      opened.removeAll(before);
      assertThat(opened).isNotEmpty();
      db.close();
      // By backend pid, not by count: a pool that another test closed may still add or end a
      // session of its own meanwhile.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (sessions(watcher).stream().anyMatch(opened::contains) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(sessions(watcher)).doesNotContainAnyElementsOf(opened);
    }
  }

  /** The backend pids of the client sessions on the test database (an autovacuum worker there is not one). */
  private static Set<Integer> sessions(Connection c) throws SQLException {
    Set<Integer> pids = new HashSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'")) {
      while (rs.next()) {
        pids.add(rs.getInt(1));
      }
    }
    return pids;
  }


  private static String pid(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @ParameterizedTest(name = "pooled: {0}")
  @ValueSource(booleans = {true, false})
  void unreachableServerFailsFastWithTheEndpointInTheMessage(boolean pooled) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var conf = DB.conf(Map.of("pg_host", "127.0.0.1", "pg_port", String.valueOf(port), "pg_password", "hunter2"));
    assertThatThrownBy(() -> (pooled ? Database.open(conf) : Database.openDirect(conf)).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("connection refused")
        .message().doesNotContain("hunter2");
  }

  @Test
  void invalidPgValueIsAConfigurationError() {
    assertThatThrownBy(() -> Database.open(DB.conf(Map.of("pg_timeout", "soon"))))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("pg_timeout has an invalid value: 'soon'");
  }
}
