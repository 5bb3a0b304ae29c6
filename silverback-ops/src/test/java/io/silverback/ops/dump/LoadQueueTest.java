package io.silverback.ops.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.store.pg.Database;
import io.silverback.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler of a load's steps ({@link LoadQueue}), on real connections. */
class LoadQueueTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static Database db;
  private static final String SESSION = "SET synchronous_commit = off";
  private static final String RESET = "RESET synchronous_commit";

  @BeforeAll
  static void open() {
    db = Database.open(DB.conf());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void stepsMadeReadyRunBeforeTheStepsStillWaiting() throws SQLException {
    List<String> ran = new CopyOnWriteArrayList<>();
    LoadQueue.Step a1 = record(ran, "a1");
    LoadQueue.Step a2 = record(ran, "a2");
    LoadQueue.Step a = c -> {
      ran.add("a");
      return List.of(a1, a2);
    };
    LoadQueue.run(db.dataSource(), 1, List.of(a, record(ran, "b"), record(ran, "c")), SESSION, RESET);
    assertThat(ran).containsExactly("a", "a1", "a2", "b", "c");
  }

  @Test
  void everyStepRunsInTheSessionSettingsAndTheConnectionsLoseThemAfter() throws SQLException {
    List<String> seen = new CopyOnWriteArrayList<>();
    LoadQueue.Step show = c -> {
      seen.add(synchronousCommit(c));
      return List.of();
    };
    LoadQueue.run(db.dataSource(), 2, List.of(show, show, show, show), SESSION, RESET);
    assertThat(seen).containsExactly("off", "off", "off", "off");
    try (Connection c = db.dataSource().getConnection()) {
      assertThat(synchronousCommit(c)).isEqualTo("on");
    }
  }

  @Test
  void theFirstFailureIsThrownAndNoFurtherStepIsTaken() {
    List<String> ran = new CopyOnWriteArrayList<>();
    LoadQueue.Step fails = c -> {
      try (Statement st = c.createStatement()) {
        st.execute("SELECT * FROM no_such_table");
      }
      return List.of();
    };
    assertThatThrownBy(() -> LoadQueue.run(db.dataSource(), 1, List.of(record(ran, "a"), fails, record(ran, "b")),
        SESSION, RESET)).isInstanceOf(SQLException.class).hasMessageContaining("no_such_table");
    assertThat(ran).containsExactly("a");
  }

  @Test
  @Timeout(30)
  void anErrorInOneStepEndsTheRunWhileTheOtherConnectionWaitsForWork() {
    LoadQueue.Step slow = c -> {
      sleep(200);
      throw new AssertionError("a step broke");
    };
    long start = System.nanoTime();
    assertThatThrownBy(() -> LoadQueue.run(db.dataSource(), 2, List.of(slow), SESSION, RESET))
        .isInstanceOf(AssertionError.class).hasMessage("a step broke");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  private static LoadQueue.Step record(List<String> ran, String name) {
    return c -> {
      ran.add(name);
      return List.of();
    };
  }

  private static String synchronousCommit(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
