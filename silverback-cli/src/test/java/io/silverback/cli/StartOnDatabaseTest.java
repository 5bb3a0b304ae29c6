package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.store.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code start} and {@code stop} of a background node on a real PostgreSQL database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartOnDatabaseTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path prefix;

  private static final int ADMIN = NodeCommandsTest.freePort();
  private static final int PROXY = NodeCommandsTest.freePort();

  private static CliRun run(String... command) {
    return CliRun.of(DbArgs.with(DB, prefix, command));
  }

  private static CliRun node(String command) {
    return run(command, "--set", "admin_listen=127.0.0.1:" + ADMIN, "--set", "proxy_listen=127.0.0.1:" + PROXY);
  }

  @Test
  @Order(1)
  void startRefusesADatabaseThatNeedsBootstrappingWithKongsMessage() {
    CliRun start = node("start");
    assertThat(start.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(start.err()).startsWith("Error: Database needs bootstrapping or is older than Kong 1.0.\n\n"
        + "To start a new installation from scratch, run 'silverback migrations bootstrap'.");
  }

  @Test
  @Order(2)
  void startsOnABootstrappedDatabaseReportsItReachableAndStops() {
    assertThat(run("migrations", "bootstrap").exitCode()).isZero();
    CliRun start = node("start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    try {
      CliRun health = node("health");
      assertThat(health.exitCode()).as(health.out() + health.err()).isZero();
      assertThat(health.out()).contains("database....reachable");
    } finally {
      assertThat(node("stop").out()).isEqualTo("Silverback stopped\n");
    }
  }
}
