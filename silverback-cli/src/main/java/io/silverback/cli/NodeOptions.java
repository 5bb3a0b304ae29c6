package io.silverback.cli;

import io.silverback.core.conf.ConfException;
import io.silverback.core.conf.NodeConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that needs the node configuration shares, as a picocli {@code @Mixin}:
 * the configuration file, the prefix, the common {@code pg_*} keys and {@code --set KEY=VALUE} for any
 * other key. {@link #conf()} merges them over the file and the environment.
 *
 * <p>There is deliberately no {@code --pg-password}, and {@code --set} refuses secrets: a command
 * line shows in the process list, so passwords go in the file or in {@code SILVERBACK_PG_PASSWORD}.
 */
public final class NodeOptions {
  @Option(names = {"-c", "--conf"}, paramLabel = "FILE",
      description = "Configuration file (kong.conf syntax). Default: the file named by SILVERBACK_CONF,"
          + " else /etc/silverback/silverback.conf when it exists.")
  Path confFile;

  @Option(names = {"-p", "--prefix"}, paramLabel = "DIR",
      description = "The node's directory (prefix). Default: ~/.silverback.")
  String prefix;

  @Option(names = "--pg-host", paramLabel = "HOST",
      description = "PostgreSQL host (pg_host). Empty (the default): an embedded PostgreSQL under <prefix>/pgdata.")
  String pgHost;

  @Option(names = "--pg-port", paramLabel = "PORT", description = "PostgreSQL port (pg_port). Default: 5432.")
  String pgPort;

  @Option(names = "--pg-user", paramLabel = "USER",
      description = "PostgreSQL user (pg_user). Default: kong. There is no password option: put pg_password in"
          + " the configuration file or in the SILVERBACK_PG_PASSWORD environment variable.")
  String pgUser;

  @Option(names = "--pg-database", paramLabel = "NAME", description = "PostgreSQL database (pg_database). Default: kong.")
  String pgDatabase;

  @Option(names = "--pg-schema", paramLabel = "SCHEMA",
      description = "PostgreSQL schema (pg_schema). Default: the server's search_path.")
  String pgSchema;

  @Option(names = "--pg-timeout", paramLabel = "MS",
      description = "Connect timeout in milliseconds (pg_timeout). Default: 5000.")
  String pgTimeout;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set any other configuration key (repeatable). Passwords cannot be set here: use the"
          + " configuration file or SILVERBACK_PG_PASSWORD.")
  Map<String, String> set = new LinkedHashMap<>();

  /**
   * The configuration: built-in defaults, the configuration file, the environment, then these options.
   *
   * @throws ConfException for a missing {@code --conf} file, an unknown key, an invalid value, or a
   *     password given with {@code --set}
   */
  public NodeConf conf() {
    return conf(System.getenv());
  }

  NodeConf conf(Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    set.forEach((key, value) -> {
      if (NodeConf.isSecret(key)) {
        throw new ConfException(key + " cannot be set on the command line, where the process list shows it;"
            + " put it in the configuration file or in SILVERBACK_" + key.toUpperCase(Locale.ROOT));
      }
      flags.put(key, value);
    });
    put(flags, "prefix", prefix);
    put(flags, "pg_host", pgHost);
    put(flags, "pg_port", pgPort);
    put(flags, "pg_user", pgUser);
    put(flags, "pg_database", pgDatabase);
    put(flags, "pg_schema", pgSchema);
    put(flags, "pg_timeout", pgTimeout);
    return NodeConf.load(NodeConf.locate(Optional.ofNullable(confFile), env), env, flags);
  }

  /**
   * These options as command-line arguments, for a child process that must load the same
   * configuration: the file made absolute, the prefix as {@code conf} resolved it.
   */
  List<String> args(NodeConf conf) {
    List<String> args = new ArrayList<>();
    if (confFile != null) {
      args.addAll(List.of("--conf", confFile.toAbsolutePath().toString()));
    }
    args.addAll(List.of("--prefix", conf.prefix().toString()));
    arg(args, "--pg-host", pgHost);
    arg(args, "--pg-port", pgPort);
    arg(args, "--pg-user", pgUser);
    arg(args, "--pg-database", pgDatabase);
    arg(args, "--pg-schema", pgSchema);
    arg(args, "--pg-timeout", pgTimeout);
    set.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    return args;
  }

  private static void arg(List<String> args, String option, String value) {
    if (value != null) {
      args.addAll(List.of(option, value));
    }
  }

  private static void put(Map<String, String> flags, String key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
