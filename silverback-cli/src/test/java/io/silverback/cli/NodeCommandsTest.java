package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start}, {@code health}, {@code reload}, {@code stop} and {@code restart} as a person runs
 * them: a DB-less node in a background JVM, in a temporary prefix, on free loopback ports.
 */
class NodeCommandsTest {
  private static final String ONE_SERVICE = "_format_version: '3.0'\nservices:\n- name: a\n  url: http://a.test\n";

  @TempDir
  Path dir;

  private final List<String> common = new ArrayList<>();

  @AfterEach
  void stopAnyNodeLeftRunning() {
    if (!common.isEmpty() && Files.exists(dir.resolve("prefix/pids/silverback.pid"))) {
      run("stop", "--timeout", "5");
    }
  }

  private CliRun run(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(more));
    args.addAll(common);
    return CliRun.of(args.toArray(new String[0]));
  }

  private void dblessNode(Path declarative, int admin, int proxy) {
    common.addAll(List.of("-p", dir.resolve("prefix").toString(), "--set", "database=off",
        "--set", "declarative_config=" + declarative, "--set", "admin_listen=127.0.0.1:" + admin,
        "--set", "proxy_listen=127.0.0.1:" + proxy));
  }

  private Path declarative(String text) throws IOException {
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void startHealthReloadAndStopWorkAsAUserRunsThem() throws IOException {
    Path file = declarative(ONE_SERVICE);
    dblessNode(file, freePort(), freePort());

    CliRun start = run("start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    assertThat(start.out()).isEqualTo("Silverback started\n");

    CliRun again = run("start");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(again.err()).startsWith("Error: Silverback is already running in " + dir.resolve("prefix"));

    CliRun health = run("health");
    assertThat(health.exitCode()).as(health.err()).isZero();
    assertThat(health.out()).containsPattern("node\\.{8}running \\(pid \\d+\\)\n")
        .contains("admin.......running (127.0.0.1:", "proxy.......running (127.0.0.1:", "database....off (DB-less)\n")
        .endsWith("\nSilverback is healthy at " + dir.resolve("prefix") + "\n");
    assertThat(run("health", "--json").out()).contains("\"healthy\":true", "\"node\":\"running\"");

    Files.writeString(file, ONE_SERVICE + "- name: b\n  url: http://b.test\n");
    CliRun reload = run("reload");
    assertThat(reload.exitCode()).as(reload.err()).isZero();
    Path log = dir.resolve("prefix/logs/error.log");
    // A node started where SIGHUP is ignored (under nohup) cannot reload: its log then says so.
    assertThat(within(Duration.ofSeconds(30), () -> read(log).contains("Silverback reloaded")))
        .as("the node logs its reload; its log:%n%s", read(log)).isTrue();

    CliRun stop = run("stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(stop.out()).isEqualTo("Silverback stopped\n");
    assertThat(dir.resolve("prefix/pids/silverback.pid")).doesNotExist();
    assertThat(read(log)).contains("Silverback started: node ", "Silverback stopped");

    CliRun down = run("health");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(down.err()).startsWith("Error: Silverback is not running at " + dir.resolve("prefix"));
  }

  @Test
  void reloadRefusesAnInvalidDeclarativeFileAndTheNodeKeepsRunning() throws IOException {
    Path file = declarative(ONE_SERVICE);
    dblessNode(file, freePort(), freePort());
    assertThat(run("start").exitCode()).isZero();
    Files.writeString(file, "services: [ {");

    CliRun reload = run("reload");

    assertThat(reload.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(reload.err()).startsWith("Error: error parsing declarative config file " + file + ":\n");
    assertThat(run("health").exitCode()).isZero();
  }

  @Test
  void restartReplacesTheRunningNodeWithANewProcess() throws IOException {
    dblessNode(declarative(ONE_SERVICE), freePort(), freePort());
    assertThat(run("start").exitCode()).isZero();
    String before = Files.readString(dir.resolve("prefix/pids/silverback.pid"));

    CliRun restart = run("restart");

    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(Files.readString(dir.resolve("prefix/pids/silverback.pid"))).isNotEqualTo(before);
    assertThat(run("health").exitCode()).isZero();
  }

  @Test
  void startPrintsTheNodesOwnErrorWhenItCannotStart() throws IOException {
    Path file = declarative("_format_version: '3.0'\nservices:\n- name: a\n  url: nope\n");
    dblessNode(file, freePort(), freePort());

    CliRun start = run("start");

    assertThat(start.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(start.err()).startsWith("Error: error parsing declarative config file " + file + ":\n");
    assertThat(dir.resolve("prefix/pids/silverback.pid")).doesNotExist();
  }

  @Test
  void startNamesTheKeyAndAddressOfAPortInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dblessNode(declarative(ONE_SERVICE), taken.getLocalPort(), freePort());
      CliRun start = run("start");
      assertThat(start.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(start.err()).startsWith("Error: admin_listen 127.0.0.1:" + taken.getLocalPort()
          + ": address already in use\n");
    }
  }

  @Test
  void stopWhenNothingRunsExitsOneWithKongsMessage() throws IOException {
    Files.createDirectories(dir.resolve("prefix/pids"));
    Files.writeString(dir.resolve("prefix/pids/silverback.pid"), "999999999\n");

    CliRun stop = CliRun.of("stop", "-p", dir.resolve("prefix").toString());

    assertThat(stop.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(stop.err()).startsWith("Error: Silverback is not running in " + dir.resolve("prefix") + "\n");
    assertThat(dir.resolve("prefix/pids/silverback.pid")).as("a stale pid file is removed").doesNotExist();
    assertThat(CliRun.of("stop", "-p", dir.resolve("none").toString()).err())
        .startsWith("Error: no such prefix: " + dir.resolve("none"));
  }

  @Test
  void checkSaysWhetherAConfigurationFileIsValid() throws IOException {
    Path good = dir.resolve("good.conf");
    Files.writeString(good, "database = off\nadmin_listen = 127.0.0.1:9001, 127.0.0.1:9444\nadmin_body_size = 1m\n");
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "proxy_listen = 8000\npg_hots = db\n");

    CliRun ok = CliRun.of("check", good.toString());
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).isEqualTo("configuration at " + good + " is valid\n");

    CliRun ko = CliRun.of("check", bad.toString());
    assertThat(ko.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(ko.err()).contains("Error: " + bad + ":2: unknown property 'pg_hots'\n")
        .contains("Error: proxy_listen has an invalid value: '8000' (must be of form: [off] | <ip>:<port>");
    assertThat(CliRun.of("check", dir.resolve("missing.conf").toString()).err())
        .startsWith("Error: cannot read configuration file " + dir.resolve("missing.conf") + ": no such file");
  }

  @Test
  void everyNodeCommandDocumentsItsExitCodes() {
    for (String command : List.of("start", "stop", "restart", "reload", "health", "check")) {
      CliRun help = CliRun.of(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).as(command).contains("Exit codes: 0 ");
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean within(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return true;
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
