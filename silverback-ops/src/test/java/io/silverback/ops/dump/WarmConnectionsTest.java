package io.silverback.ops.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.store.pg.Database;
import io.silverback.store.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WarmConnectionsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Test
  void handsOutTheConnectionsOpenedAheadThenOpensItsOwnAndClosesThoseNobodyTook() throws Exception {
    try (Database db = Database.openDirect(DB.conf()); Connection probe = db.dataSource().getConnection()) {
      AtomicInteger opened = new AtomicInteger();
      DataSource counting = proxy((method, args) -> {
        opened.incrementAndGet();
        return db.dataSource().getConnection();
      });
      WarmConnections warm = WarmConnections.open(counting, 3);
      Set<Integer> pids = new HashSet<>();
      try (Connection first = warm.getConnection(); Connection second = warm.getConnection()) {
        pids.add(pid(first));
        pids.add(pid(second));
        warm.close();
        assertThat(opened).hasValue(3);
        assertThat(sessions(probe, 2)).isEqualTo(2);
        try (Connection own = warm.getConnection()) {
          pids.add(pid(own));
          assertThat(opened).hasValue(4);
        }
      }
      assertThat(pids).hasSize(3);
      assertThat(sessions(probe, 0)).isZero();
    }
  }

  @Test
  void aConnectionThatFailedToOpenAheadFailsWhereItIsUsed() {
    AtomicInteger attempts = new AtomicInteger();
    WarmConnections warm = WarmConnections.open(proxy((method, args) -> {
      throw new SQLException("connection refused (attempt " + attempts.incrementAndGet() + ")");
    }), 1);
    assertThatThrownBy(warm::getConnection).isInstanceOf(SQLException.class)
        .hasMessage("connection refused (attempt 2)");
    warm.close();
  }

  /** A data source whose getConnection is {@code open}. */
  private static DataSource proxy(Open open) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (p, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return open.connection(method, args);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @FunctionalInterface
  private interface Open {
    Connection connection(java.lang.reflect.Method method, Object[] args) throws SQLException;
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Client sessions on the probe's database other than the probe's own, once they number {@code
   * expected} or after 5 s: a closed connection's server process ends a moment after the close.
   */
  private static int sessions(Connection probe, int expected) throws SQLException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int n;
    do {
      try (Statement st = probe.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM"
          + " pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"
          + " AND pid <> pg_backend_pid()")) {
        rs.next();
        n = rs.getInt(1);
      }
    } while (n != expected && System.nanoTime() < deadline);
    return n;
  }
}
