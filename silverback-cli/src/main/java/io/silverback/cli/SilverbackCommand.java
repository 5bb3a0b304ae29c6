package io.silverback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code silverback}: the top of the command tree (its commands: {@link CommandTree}). */
@Command(
    name = "silverback",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "A Kong-compatible API gateway with backup, restore and safe upgrades built in.",
    footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error."})
public final class SilverbackCommand implements Runnable {
  @Spec
  CommandSpec spec;

  /** Kong's global options, inherited by every command ({@link Verbosity}). */
  @Option(names = Verbosity.VERBOSE_OPTION, scope = ScopeType.INHERIT,
      description = "Verbose: an error's causes, and info logs.")
  boolean verbose;

  @Option(names = Verbosity.DEBUG_OPTION, scope = ScopeType.INHERIT,
      description = "Debug: an error's stack trace, and debug logs.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of start, stop, restart, reload, health, check, config, migrations, backup, version");
  }
}
