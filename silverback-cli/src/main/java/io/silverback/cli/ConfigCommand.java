package io.silverback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code silverback config}: declarative configuration commands, as {@code kong config}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Work with declarative configuration files.")
public final class ConfigCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of parse, db_import, db_export");
  }
}
