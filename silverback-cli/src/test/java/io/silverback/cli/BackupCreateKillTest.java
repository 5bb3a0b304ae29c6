package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.ops.backup.BackupDirectory;
import io.silverback.ops.backup.Bundle;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code kill -9} of a {@code backup create} at 20 random points (a separate JVM each time, so the
 * kill is a real SIGKILL): whatever {@code backup list} counts as complete must verify, and an
 * interrupted bundle shows only as unfinished.
 */
class BackupCreateKillTest {
  private static final int RUNS = 20;
  private static final int CONSUMERS = 6000;

  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path dir;

  @BeforeAll
  static void seed() throws IOException {
    assertThat(CliRun.of(DbArgs.with(DB, dir, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    StringBuilder sb = new StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
    for (int i = 0; i < CONSUMERS; i++) {
      sb.append("- username: user-").append(i).append("\n  keyauth_credentials:\n  - key: key-").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("big.yaml"), sb.toString());
    assertThat(CliRun.of(DbArgs.with(DB, dir, "config", "db_import", file.toString(), "-q")).exitCode()).isZero();
  }

  @Test
  void killingABackupAtRandomPointsNeverLeavesABundleListedAsComplete() throws Exception {
    Path backups = dir.resolve("backups");
    Random random = new Random(20261125L);
    List<String> timeline = new ArrayList<>();
    // Kill points are spread over the time a whole backup takes on this machine, measured first:
    // the shorter of two runs, as the first (cold caches) can take twice as long as the others. A
    // run that finishes before its kill point shortens it further: a machine busy while it was
    // measured (a build beside the tests) otherwise leaves later kill points past the end.
    int took = Integer.MAX_VALUE;
    int finished = 0;
    for (; finished < 2; finished++) {
      long begin = System.nanoTime();
      Process whole = start(backups, false);
      assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(whole.exitValue()).as("%s", Files.readString(dir.resolve("child.log"))).isZero();
      took = Math.min(took, (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }
    timeline.add("a whole backup: " + took + "ms");
    for (int run = 0; run < RUNS; run++) {
      long begin = System.nanoTime();
      Process p = start(backups, run % 2 == 1);
      long delay = took / 10 + random.nextInt(Math.max(1, took * 85 / 100));
      boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      } else {
        assertThat(p.exitValue()).as("run %d: %s", run, Files.readString(dir.resolve("child.log"))).isZero();
        finished++;
        took = Math.min(took, (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
      }
      BackupDirectory.Listing listing = new BackupDirectory(backups).list();
      for (BackupDirectory.Entry entry : listing.complete()) {
        try (Bundle bundle = Bundle.open(entry.path(), null)) {
          bundle.verify();
          assertThat(bundle.manifest().entityCounts()).containsEntry("consumers", CONSUMERS);
        }
      }
      timeline.add(delay + "ms:" + (exited ? "finished" : "killed") + ":" + listing.complete().size() + " complete, "
          + listing.incomplete().size() + " unfinished");
    }
    BackupDirectory.Listing last = new BackupDirectory(backups).list();
    assertThat(last.complete().size()).as("%s", timeline).isGreaterThanOrEqualTo(finished);
    assertThat(RUNS - finished).as("most runs must be killed mid-way: %s", timeline).isGreaterThanOrEqualTo(RUNS / 2);
    assertThat(last.incomplete()).as("some kills must land while a bundle is written: %s", timeline).isNotEmpty()
        .allMatch(i -> i.path().getFileName().toString().endsWith(".partial"));

    CliRun listed = CliRun.of("backup", "list", "--dir", backups.toString());
    assertThat(listed.out()).contains("not a complete bundle: .silverback-backup-", "unfinished", "last written");
    CliRun pruned = CliRun.of("backup", "prune", "--partial", "--dir", backups.toString());
    assertThat(pruned.exitCode()).as(pruned.err()).isZero();
    assertThat(pruned.out()).contains("deleted " + last.incomplete().size() + " unfinished");
    BackupDirectory.Listing cleaned = new BackupDirectory(backups).list();
    assertThat(cleaned.incomplete()).isEmpty();
    assertThat(cleaned.complete()).hasSameSizeAs(last.complete());
    try (Stream<Path> left = Files.list(backups)) {
      assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
    }
  }

  private static Process start(Path backups, boolean archive) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(DbArgs.with(DB, dir, "backup", "create", "--to", backups.toString(), "--native", "builtin", "-q")));
    if (archive) {
      cmd.add("--archive");
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }
}
