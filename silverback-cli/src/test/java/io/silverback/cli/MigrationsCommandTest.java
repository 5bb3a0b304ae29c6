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

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsCommandTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path prefix;

  private static CliRun run(String... command) {
    return CliRun.of(DbArgs.with(DB, prefix, command));
  }

  @Test
  @Order(1)
  void listExitsThreeWhenTheDatabaseNeedsBootstrapping() {
    CliRun r = run("migrations", "list");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.NEEDS_BOOTSTRAP);
    assertThat(r.out()).startsWith("Database needs bootstrapping or is older than Kong 1.0.");
    assertThat(run("migrations", "status").out()).contains("\"needs_bootstrap\":true");
  }

  @Test
  @Order(2)
  void upAndFinishRefuseADatabaseThatNeedsBootstrapping() {
    CliRun up = run("migrations", "up");
    assertThat(up.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(up.err()).contains("Error: Cannot run migrations: Database needs bootstrapping");
    assertThat(run("migrations", "finish").exitCode()).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  @Order(3)
  void bootstrapCreatesTheSchemaOnceAndListThenExitsZero() {
    CliRun first = run("migrations", "bootstrap");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("Bootstrapping database...\nDatabase is up-to-date\n");
    CliRun again = run("migrations", "bootstrap");
    assertThat(again.out()).isEqualTo("Database already bootstrapped\n");
    CliRun list = run("migrations", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).isEqualTo("Executed migrations:\ncore: V1__entities\n");
    assertThat(run("migrations", "up").out()).isEqualTo("Database is already up-to-date\n");
    assertThat(run("migrations", "finish").out()).isEqualTo("No pending migrations to finish\n");
  }

  @Test
  @Order(4)
  void statusPrintsKongsSchemaStateAsJson() {
    CliRun r = run("migrations", "status");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo(
        "{\"needs_bootstrap\":false,\"executed_migrations\":[{\"namespace\":\"core\",\"migrations\":[\"V1__entities\"]}]}");
  }

  @Test
  @Order(5)
  void resetWithoutYesOffATerminalIsRefusedAndErasesNothing() {
    CliRun r = run("migrations", "reset");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("not a tty: invoke 'reset' non-interactively with the --yes flag");
    assertThat(run("migrations", "list").exitCode()).isZero();
  }

  @Test
  @Order(6)
  void resetWithYesErasesTheSchemaAndQuietPrintsNothing() {
    CliRun r = run("migrations", "reset", "--yes", "--quiet");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(run("migrations", "list").exitCode()).isEqualTo(ExitCodes.NEEDS_BOOTSTRAP);
    assertThat(run("migrations", "reset", "--yes").out()).isEqualTo("Database not bootstrapped, nothing to reset\n");
  }

  @Test
  void aDatabaseThatIsDownIsNamedWithHostPortAndUser() {
    CliRun r = CliRun.of("migrations", "list", "--pg-host", "127.0.0.1", "--pg-port", "1", "--pg-user", "someone",
        "-p", prefix.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("127.0.0.1:1").contains("'someone'");
  }
}
