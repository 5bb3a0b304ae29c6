package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.store.DatabaseUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real servers. One keeps running for the whole class; a second prefix is initialized once
 * and left stopped, and the tests that start and stop servers take turns on it.
 */
class EmbeddedDatabaseTest {
  @TempDir static Path runningPrefix;
  @TempDir static Path stoppedPrefix;
  private static EmbeddedDatabase running;

  @BeforeAll
  static void startServers() {
    running = EmbeddedDatabase.start(runningPrefix);
    EmbeddedDatabase.start(stoppedPrefix).close();
  }

  @AfterAll
  static void stopServer() {
    running.close();
  }

  @Test
  void startsAServerThatAcceptsTheSuperuserOnDatabasePostgres() throws Exception {
    assertThat(running.owned()).isTrue();
    assertThat(running.host()).isEqualTo("127.0.0.1");
    assertThat(EmbeddedDatabase.isRunning(runningPrefix)).isTrue();
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(runningPrefix.resolve("pgdata")))).isEqualTo("rwx------");
    try (Connection connection = connect(running)) {
      assertThat(queryInt(connection, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void secondStartOnARunningPrefixConnectsWithoutOwningAndItsCloseLeavesTheServerRunning()
      throws SQLException {
    EmbeddedDatabase second = EmbeddedDatabase.start(runningPrefix);
    assertThat(second.owned()).isFalse();
    assertThat(second.port()).isEqualTo(running.port());
    second.close();
    assertThat(EmbeddedDatabase.isRunning(runningPrefix)).isTrue();
    try (Connection connection = connect(running)) {
      assertThat(queryInt(connection, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void dataWrittenSurvivesCloseAndStartOnTheSamePort() throws SQLException {
    int port;
    try (EmbeddedDatabase first = EmbeddedDatabase.start(stoppedPrefix);
        Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      port = first.port();
      statement.execute("DROP TABLE IF EXISTS kept");
      statement.execute("CREATE TABLE kept (n int)");
      statement.execute("INSERT INTO kept VALUES (42)");
    }
    assertThat(EmbeddedDatabase.isRunning(stoppedPrefix)).isFalse();
    try (EmbeddedDatabase again = EmbeddedDatabase.start(stoppedPrefix);
        Connection connection = connect(again)) {
      assertThat(again.owned()).isTrue();
      assertThat(again.port()).isEqualTo(port);
      assertThat(queryInt(connection, "SELECT n FROM kept")).isEqualTo(42);
    }
  }

  @Test
  void stalePostmasterPidOfADeadProcessDoesNotBlockStart() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dataDir = stoppedPrefix.resolve("pgdata");
    Files.writeString(dataDir.resolve("postmaster.pid"),
        gone.pid() + "\n" + dataDir + "\n1700000000\n5999\n/tmp\n127.0.0.1\n0 0\nready\n");
    assertThat(EmbeddedDatabase.isRunning(stoppedPrefix)).isFalse();
    try (EmbeddedDatabase database = EmbeddedDatabase.start(stoppedPrefix);
        Connection connection = connect(database)) {
      assertThat(database.owned()).isTrue();
      assertThat(queryInt(connection, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void rememberedPortTakenBySomethingElseIsReplacedByAFreeOne() throws Exception {
    int remembered = Integer.parseInt(Files.readString(stoppedPrefix.resolve("pgdata.port")).trim());
    try (ServerSocket squatter = new ServerSocket(remembered, 1, InetAddress.getByName("127.0.0.1"));
        EmbeddedDatabase database = EmbeddedDatabase.start(stoppedPrefix);
        Connection connection = connect(database)) {
      assertThat(database.port()).isNotEqualTo(remembered);
      assertThat(Files.readString(stoppedPrefix.resolve("pgdata.port")).trim())
          .isEqualTo(String.valueOf(database.port()));
      assertThat(queryInt(connection, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void twoThreadsStartingOnePrefixTogetherEndUpWithOneServer() throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(2);
    Callable<EmbeddedDatabase> start = () -> {
      barrier.await();
      return EmbeddedDatabase.start(stoppedPrefix);
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<EmbeddedDatabase> started = new ArrayList<>();
    try {
      for (Future<EmbeddedDatabase> future : threads.invokeAll(List.of(start, start))) {
        started.add(future.get());
      }
    } finally {
      threads.shutdown();
    }
    assertThat(started).filteredOn(EmbeddedDatabase::owned).hasSize(1);
    assertThat(started.get(0).port()).isEqualTo(started.get(1).port());
    started.sort((a, b) -> Boolean.compare(a.owned(), b.owned()));
    started.forEach(EmbeddedDatabase::close);
    assertThat(EmbeddedDatabase.isRunning(stoppedPrefix)).isFalse();
  }

  @Test
  void startFailureNamesTheDataDirectoryAndTheServerLog(@TempDir Path prefix) throws Exception {
    Path dataDir = Files.createDirectories(prefix.resolve("pgdata"));
    Files.writeString(dataDir.resolve("not-a-database"), "junk");
    assertThatThrownBy(() -> EmbeddedDatabase.start(prefix))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining(dataDir.toString())
        .hasMessageContaining("exists but is not empty")
        .hasMessageContaining(prefix.resolve("pgdata.log").toString());
  }

  @Test
  void dataDirectoryThatIsNoClusterFailsFastWithPgCtlsReason(@TempDir Path prefix) throws Exception {
    Path dataDir = Files.createDirectories(prefix.resolve("pgdata"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    Files.createFile(dataDir.resolve("postgresql.conf"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> EmbeddedDatabase.start(prefix))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("is not a database cluster directory")
        .hasMessageContaining(prefix.resolve("pgdata.log").toString());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  private static Connection connect(EmbeddedDatabase database) throws SQLException {
    String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/postgres";
    return DriverManager.getConnection(url, database.user(), "");
  }

  private static int queryInt(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
