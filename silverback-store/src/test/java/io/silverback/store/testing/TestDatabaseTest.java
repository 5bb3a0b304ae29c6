package io.silverback.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.silverback.store.pg.DataSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestDatabaseTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  private static String scalar(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean exists(String database) throws SQLException {
    try (Connection c = DataSources.connection(TestServer.admin());
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Test
  void createsAFreshDatabaseNamedAfterTheTestClass() throws SQLException {
    assertThat(DB.name()).matches("sb_testdatabasetest_[a-z0-9]{6}");
    assertThat(exists(DB.name())).isTrue();
    assertThat(scalar(DB.dataSource(), "SELECT current_database()")).isEqualTo(DB.name());
    assertThat(scalar(DB.dataSource(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
  }

  @Test
  void dataSourceIsOpenedOnceAndNewDataSourceIsAnotherPool() {
    assertThat(DB.dataSource()).isSameAs(DB.dataSource());
    assertThat(DB.newDataSource()).isNotSameAs(DB.dataSource());
  }

  @Test
  void confPointsAtTheTestDatabaseWithATemporaryPrefix() {
    assertThat(DB.conf().get("pg_database")).isEqualTo(DB.name());
    assertThat(DB.conf().get("pg_host")).isEqualTo(DB.settings().host());
    assertThat(DB.conf().integer("pg_port")).isEqualTo(DB.settings().port());
    assertThat(DB.conf().prefix()).isDirectory();
    assertThat(DB.conf(java.util.Map.of("pg_schema", "s")).get("pg_schema")).isEqualTo("s");
  }

  @Test
  void longClassNamesAreTruncatedToAValidIdentifier() {
    class AVeryLongTestClassNameThatGoesOnAndOnWellPastPostgresLimitOfSixtyThreeBytes {}
    String name = TestDatabase.databaseName(
        AVeryLongTestClassNameThatGoesOnAndOnWellPastPostgresLimitOfSixtyThreeBytes.class);
    assertThat(name).hasSize(3 + 40 + 1 + 6).startsWith("sb_averylongtestclassname").matches("[a-z0-9_]+");
  }

  @Test
  void stopClosesPoolsAndDropsTheDatabaseEvenWithConnectionsOpen() throws Exception {
    TestDatabase other = new TestDatabase();
    other.start(TestDatabaseTest.class);
    String name = other.name();
    Path prefix = other.conf().prefix();
    HikariDataSource pool = other.dataSource();
    HikariDataSource second = other.newDataSource();
    Connection held = DataSources.connection(other.settings());
    assertThat(exists(name)).isTrue();

    other.stop();

    assertThat(exists(name)).isFalse();
    assertThat(pool.isClosed()).isTrue();
    assertThat(second.isClosed()).isTrue();
    assertThat(Files.exists(prefix)).isFalse();
    assertThat(held.isValid(1)).isFalse();
    held.close();
    assertThatThrownBy(other::settings).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }
}
