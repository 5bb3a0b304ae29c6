package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code db_import} at random points, 20 times: the database must hold
 * exactly what it held before, or (when the kill came after the commit) the whole file, never
 * a part. Each run is a separate JVM so the kill is a real SIGKILL of the importing process.
 */
class DbImportKillTest {
  private static final int RUNS = 20;
  private static final int CONSUMERS = 6000;

  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path dir;

  private static Path big;
  private static String before;

  @BeforeAll
  static void seedAndWriteABigFile() throws IOException {
    assertThat(CliRun.of(DbArgs.with(DB, dir, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    Path seed = Files.writeString(dir.resolve("seed.yaml"), """
        _format_version: "3.0"
        services:
        - name: existing
          url: http://existing.internal
        consumers:
        - username: existing-user
        """);
    assertThat(CliRun.of(DbArgs.with(DB, dir, "config", "db_import", seed.toString(), "-q")).exitCode()).isZero();
    before = export();
    big = Files.writeString(dir.resolve("big.yaml"), bigFile());
  }

  @Test
  void killingAnImportAtRandomPointsLeavesTheDatabaseAsBeforeOrComplete() throws Exception {
    Random random = new Random(20261125L);
    // One whole import sets the kill windows (1.1x the time to its commit, from the transaction's
    // start and from the process start): where the commit falls depends on this machine's speed,
    // and most kills must still land before it.
    Process whole = startImport();
    long started = System.nanoTime();
    awaitBulkTransaction(whole);
    long inTransaction = System.nanoTime();
    awaitCommit(whole);
    long committed = System.nanoTime();
    assertThat(whole.waitFor(60, TimeUnit.SECONDS)).isTrue();
    restore();
    int transactionWindow = (int) Math.max(20, (committed - inTransaction) * 11 / 10_000_000);
    int runWindow = (int) Math.max(100, (committed - started) * 11 / 10_000_000);
    int untouched = 0;
    int complete = 0;
    List<String> timeline = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      Process p = startImport();
      boolean duringTransaction = run % 4 != 0;
      long delay;
      if (duringTransaction) {
        awaitBulkTransaction(p);
        delay = random.nextInt(transactionWindow);
      } else {
        delay = random.nextInt(runWindow);
      }
      Thread.sleep(delay);
      p.destroyForcibly();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      awaitNoImporter();
      String now = export();
      int consumers = count("consumers");
      if (now.equals(before)) {
        untouched++;
      } else {
        assertThat(consumers).as("run %d: a partial import is visible", run).isEqualTo(CONSUMERS + 1);
        assertThat(count("keyauth_credentials")).isEqualTo(CONSUMERS);
        complete++;
        restore();
      }
      timeline.add((duringTransaction ? "tx+" : "t+") + delay + "ms:" + (now.equals(before) ? "before" : "complete"));
    }
    assertThat(untouched + complete).isEqualTo(RUNS);
    assertThat(untouched).as("most kills must land before the commit (windows %d ms in the transaction, %d ms"
        + " from the start): %s", transactionWindow, runWindow, timeline).isGreaterThanOrEqualTo(RUNS / 2);
  }

  private static Process startImport() throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(DbArgs.with(DB, dir, "config", "db_import", big.toString(), "-q")));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  /** Waits until the child holds the bulk-import lock, which it takes first thing in its transaction. */
  private static void awaitBulkTransaction(Process p) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (bulkLockHeld()) {
        return;
      }
      Thread.sleep(5);
    }
  }

  /** Whether some session holds the bulk-import lock (an advisory lock on the test database). */
  private static boolean bulkLockHeld() throws SQLException {
    return queryInt("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()") > 0;
  }

  /** Waits until the child no longer holds the bulk-import lock: its transaction committed. */
  private static void awaitCommit(Process p) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (!bulkLockHeld()) {
        return;
      }
      Thread.sleep(2);
    }
  }

  /**
   * The server notices the dead client and rolls its transaction back; wait for that. Sessions
   * are told apart by their open transaction, not their name: the test's own idle pool
   * connections carry the same application name and no transaction.
   */
  private static void awaitNoImporter() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (queryInt("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL") == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the killed importer's transaction is still open after 30 s");
  }

  private static void restore() throws IOException {
    Path snapshot = Files.writeString(dir.resolve("before.yaml"), before);
    CliRun reset = CliRun.of(DbArgs.with(DB, dir, "migrations", "reset", "--yes", "-q"));
    assertThat(reset.exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(DB, dir, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(DB, dir, "config", "db_import", snapshot.toString(), "-q")).exitCode()).isZero();
    assertThat(export()).isEqualTo(before);
  }

  private static String export() {
    CliRun r = CliRun.of(DbArgs.with(DB, dir, "config", "db_export", "-"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out();
  }

  private static int count(String table) throws SQLException {
    return queryInt("SELECT count(*) FROM " + table);
  }

  private static int queryInt(String sql) throws SQLException {
    try (Connection c = DB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String bigFile() {
    StringBuilder sb = new StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
    for (int i = 0; i < CONSUMERS; i++) {
      sb.append("- username: user-").append(i).append('\n')
          .append("  keyauth_credentials:\n")
          .append("  - id: ").append(UUID.nameUUIDFromBytes(("key-" + i).getBytes())).append('\n')
          .append("    key: key-").append(i).append('\n');
    }
    return sb.toString();
  }
}
