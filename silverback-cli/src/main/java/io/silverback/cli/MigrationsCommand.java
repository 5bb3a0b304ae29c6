package io.silverback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code silverback migrations}: the database schema, as {@code kong migrations}. */
@Command(
    name = "migrations",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the database schema: forward-only migrations, applied in one phase.",
      "With no pg_host configured, they run against the embedded PostgreSQL under <prefix>/pgdata."
    },
    footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error; 'list' also 3 (needs bootstrap),",
        "4 (pending finish) and 5 (new migrations available), as Kong."})
public final class MigrationsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: choose one of bootstrap, up, finish, list, status, reset");
  }
}
