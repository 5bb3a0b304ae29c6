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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a native {@code backup restore} at 20 random points: the target database
 * must then hold exactly what it held before, or exactly the bundle's data, never a mix. Each
 * restore runs in its own JVM so the kill is a real SIGKILL.
 */
class RestoreKillTest {
  private static final int RUNS = 20;
  private static final int CONSUMERS = 3000;

  @RegisterExtension
  static final TestDatabase SOURCE = new TestDatabase();
  @RegisterExtension
  static final TestDatabase TARGET = new TestDatabase();

  @TempDir
  static Path dir;
  static Path bundle;
  static Path beforeBundle;
  static String before;
  static String complete;

  @BeforeAll
  static void bundlesOfTheSourceAndOfTheTargetAsItWas() throws IOException {
    Path big = Files.writeString(dir.resolve("big.yaml"), bigFile());
    assertThat(CliRun.of(DbArgs.with(SOURCE, dir, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(SOURCE, dir, "config", "db_import", big.toString(), "-q")).exitCode()).isZero();
    bundle = create(SOURCE, dir.resolve("source-backups"));
    complete = export(SOURCE);

    Path seed = Files.writeString(dir.resolve("seed.yaml"), """
        _format_version: "3.0"
        services:
        - name: existing
          url: http://existing.internal
        consumers:
        - username: existing-user
        """);
    assertThat(CliRun.of(DbArgs.with(TARGET, dir, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(TARGET, dir, "config", "db_import", seed.toString(), "-q")).exitCode()).isZero();
    beforeBundle = create(TARGET, dir.resolve("target-backups"));
    before = export(TARGET);
  }

  @Test
  void killingARestoreAtRandomPointsLeavesTheTargetAsBeforeOrFullyRestored() throws Exception {
    long full = timeOneRestore();
    Random random = new Random(20261125L);
    int untouched = 0;
    int restored = 0;
    List<String> timeline = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      Process p = startRestore();
      long delay = 300 + random.nextInt((int) full);
      if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        timeline.add("t+" + delay + "ms:finished");
      } else {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      awaitNoRestorer();
      String now = export(TARGET);
      if (now.equals(before)) {
        untouched++;
      } else {
        assertThat(now).as("run %d (t+%d ms): the target is neither as before nor restored", run, delay).isEqualTo(complete);
        restored++;
        putBack();
      }
      timeline.add("t+" + delay + "ms:" + (now.equals(before) ? "before" : "restored"));
    }
    assertThat(untouched + restored).isEqualTo(RUNS);
    assertThat(untouched).as("some kills must land before the swap: %s", timeline).isPositive();
  }

  private static long timeOneRestore() throws Exception {
    long start = System.nanoTime();
    Process p = startRestore();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(export(TARGET)).isEqualTo(complete);
    putBack();
    return millis;
  }

  private static Process startRestore() throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(DbArgs.with(TARGET, dir, "backup", "restore", bundle.toString(), "--yes", "-q")));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  /** The target as it was, from its own bundle. */
  private static void putBack() {
    CliRun r = CliRun.of(DbArgs.with(TARGET, dir, "backup", "restore", beforeBundle.toString(), "--yes", "-q"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(export(TARGET)).isEqualTo(before);
  }

  /** The server rolls back the dead client's transaction and frees its session lock; wait for both. */
  private static void awaitNoRestorer() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (queryInt("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL") == 0
          && queryInt("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
              + " WHERE l.locktype = 'advisory' AND d.datname = current_database()") == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the killed restore's transaction or lock is still held after 30 s");
  }

  private static Path create(TestDatabase db, Path to) throws IOException {
    CliRun r = CliRun.of(DbArgs.with(db, dir, "backup", "create", "--to", to.toString(), "--native", "builtin", "-q"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    try (Stream<Path> list = Files.list(to)) {
      return list.filter(p -> p.getFileName().toString().startsWith("silverback-backup-")).findFirst().orElseThrow();
    }
  }

  private static String export(TestDatabase db) {
    CliRun r = CliRun.of(DbArgs.with(db, dir, "config", "db_export", "-"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out();
  }

  private static int queryInt(String sql) throws SQLException {
    try (Connection c = TARGET.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
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
          .append("  - key: key-").append(i).append('\n');
    }
    return sb.toString();
  }
}
