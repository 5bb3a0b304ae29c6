package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerbosityTest {
  @TempDir
  Path dir;

  private String[] exportTo(int closedPort, String... verbosity) {
    List<String> args = new ArrayList<>(List.of("config", "db_export", dir.resolve("kong.yml").toString(),
        "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(closedPort), "--pg-user", "postgres",
        "-p", dir.resolve("prefix").toString()));
    args.addAll(List.of(verbosity));
    return args.toArray(String[]::new);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anErrorIsOneSentenceAndKongsHintWithoutVerbosityTheCausesWithVAndTheStackTraceWithVv() throws IOException {
    int port = closedPort();

    CliRun plain = CliRun.ofLine(exportTo(port));
    assertThat(plain.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(plain.err()).startsWith("Error: cannot connect to PostgreSQL at 127.0.0.1:" + port)
        .endsWith("\n\n" + Verbosity.HINT + "\n").doesNotContain("caused by").doesNotContain("\tat ");

    CliRun verbose = CliRun.ofLine(exportTo(port, "--v"));
    assertThat(verbose.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(verbose.err()).startsWith("Error: cannot connect to PostgreSQL at 127.0.0.1:" + port)
        .contains("\n  caused by org.postgresql.util.PSQLException: ")
        .doesNotContain(Verbosity.HINT).doesNotContain("\tat ");

    String[] debugFirst = exportTo(port);
    String[] line = new String[debugFirst.length + 1];
    line[0] = "--vv";
    System.arraycopy(debugFirst, 0, line, 1, debugFirst.length);
    CliRun debug = CliRun.ofLine(line);
    assertThat(debug.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(debug.err()).startsWith("Error: cannot connect to PostgreSQL at 127.0.0.1:" + port)
        .contains("io.silverback.store.DatabaseUnavailableException").contains("\tat io.silverback.")
        .contains("Caused by: org.postgresql.util.PSQLException").doesNotContain(Verbosity.HINT);
    assertThat(Files.exists(dir.resolve("kong.yml"))).isFalse();
  }

  @Test
  void everyCommandTakesKongsGlobalOptionsAndListsThemInItsHelp() {
    for (String[] help : List.of(new String[] {"backup", "restore", "--help"}, new String[] {"config", "parse", "-h"},
        new String[] {"migrations", "up", "--help"}, new String[] {"--help"})) {
      CliRun run = CliRun.ofLine(help);
      assertThat(run.exitCode()).as(String.join(" ", help)).isZero();
      assertThat(run.out()).as(String.join(" ", help)).contains("--v ").contains("--vv ");
    }
    CliRun version = CliRun.ofLine("version", "--vv");
    assertThat(version.exitCode()).isZero();
  }

  @Test
  void theRawLineSetsTheLogLevelBeforeParsingUnlessTheJvmWasGivenOne() {
    assertThat(Verbosity.ofArgs(List.of("backup", "restore", "b"))).isEqualTo(Verbosity.NORMAL);
    assertThat(Verbosity.ofArgs(List.of("backup", "restore", "b", "--v"))).isEqualTo(Verbosity.VERBOSE);
    assertThat(Verbosity.ofArgs(List.of("--vv", "backup", "--v"))).isEqualTo(Verbosity.DEBUG);

    String before = System.getProperty(Verbosity.LOG_LEVEL_PROPERTY);
    try {
      System.clearProperty(Verbosity.LOG_LEVEL_PROPERTY);
      Verbosity.NORMAL.applyLogLevel();
      assertThat(System.getProperty(Verbosity.LOG_LEVEL_PROPERTY)).isNull();
      Verbosity.DEBUG.applyLogLevel();
      assertThat(System.getProperty(Verbosity.LOG_LEVEL_PROPERTY)).isEqualTo("debug");
      System.setProperty(Verbosity.LOG_LEVEL_PROPERTY, "error");
      Verbosity.VERBOSE.applyLogLevel();
      assertThat(System.getProperty(Verbosity.LOG_LEVEL_PROPERTY)).isEqualTo("error");
    } finally {
      if (before == null) {
        System.clearProperty(Verbosity.LOG_LEVEL_PROPERTY);
      } else {
        System.setProperty(Verbosity.LOG_LEVEL_PROPERTY, before);
      }
    }
  }
}
