package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.ConfException;
import io.silverback.core.conf.NodeConf;
import io.silverback.store.pg.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class NodeOptionsTest {
  @TempDir
  Path dir;

  /** A command that only loads the configuration, and opens the database when asked. */
  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @CommandLine.Option(names = "--open")
    boolean open;

    @Override
    public Integer call() {
      NodeConf conf = node.conf();
      if (open) {
        Database.open(conf).close();
      }
      return ExitCodes.OK;
    }
  }

  private static NodeOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.node;
  }

  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Probe());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void flagsOverrideTheFileAndTheEnvironment() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "pg_host = file-host\npg_user = file-user\npg_port = 1111\n");
    NodeConf conf = parse("-c", file.toString(), "--pg-host", "flag-host", "--pg-port", "2222", "-p", "/srv/sb",
        "--pg-database", "gw", "--pg-schema", "edge", "--pg-timeout", "900")
        .conf(Map.of("SILVERBACK_PG_USER", "env-user", "SILVERBACK_PG_HOST", "env-host"));
    assertThat(conf.get("pg_host")).isEqualTo("flag-host");
    assertThat(conf.source("pg_host")).isEqualTo("flag --pg-host");
    assertThat(conf.get("pg_user")).isEqualTo("env-user");
    assertThat(conf.integer("pg_port")).isEqualTo(2222);
    assertThat(conf.prefix()).isEqualTo(Path.of("/srv/sb"));
    assertThat(conf.get("pg_database")).isEqualTo("gw");
    assertThat(conf.get("pg_schema")).isEqualTo("edge");
    assertThat(conf.integer("pg_timeout")).isEqualTo(900);
  }

  @Test
  void confFileComesFromSilverbackConfWhenNotGiven() throws IOException {
    Path file = Files.writeString(dir.resolve("env.conf"), "pg_user = from-env-file\n");
    assertThat(parse().conf(Map.of("SILVERBACK_CONF", file.toString())).get("pg_user")).isEqualTo("from-env-file");
  }

  @Test
  void setGivesAnyKeyAndDedicatedFlagsWin() {
    NodeConf conf = parse("--set", "database=off", "--set", "declarative_config=/tmp/kong.yml",
        "--set", "pg_port=1", "--pg-port", "2").conf(Map.of());
    assertThat(conf.get("database")).isEqualTo("off");
    assertThat(conf.get("declarative_config")).isEqualTo("/tmp/kong.yml");
    assertThat(conf.integer("pg_port")).isEqualTo(2);
  }

  @Test
  void setRefusesPasswords() {
    assertThatThrownBy(() -> parse("--set", "pg_password=hunter2").conf(Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("pg_password cannot be set on the command line, where the process list shows it;"
            + " put it in the configuration file or in SILVERBACK_PG_PASSWORD")
        .message().doesNotContain("hunter2");
  }

  @Test
  void unknownKeyInSetIsAnErrorWithExitOne() {
    CliRun run = run("--set", "pg_hots=x");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("Error: unknown property 'pg_hots' (flag --pg-hots)\n");
  }

  @Test
  void invalidValuePrintsKeyValueAndSourceWithExitOne() {
    CliRun run = run("--pg-port", "abc");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("Error: pg_port has an invalid value: 'abc' (expected a port number between 1"
        + " and 65535), from flag --pg-port\n");
  }

  @Test
  void missingConfFileIsAnErrorWithExitOne() {
    Path missing = dir.resolve("missing.conf");
    CliRun run = run("--conf", missing.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("Error: no configuration file at " + missing + " (from --conf)\n");
  }

  @Test
  void unreachableDatabaseIsAnErrorWithExitOneAndNoStackTrace() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CliRun run = run("--open", "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(port), "--pg-user", "kong");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("Error: cannot connect to PostgreSQL at 127.0.0.1:" + port
        + " as user 'kong' (database 'kong'): connection refused; is the server running? check pg_host and pg_port\n")
        .doesNotContain("Exception");
  }

  @Test
  void helpSaysWherePasswordsGo() {
    CliRun run = run("--help");
    assertThat(run.out()).contains("--pg-host=HOST").contains("--set=KEY=VALUE").contains("SILVERBACK_PG_PASSWORD")
        .doesNotContain("--pg-password");
  }
}
