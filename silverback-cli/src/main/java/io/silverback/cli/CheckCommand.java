package io.silverback.cli;

import io.silverback.core.conf.ConfException;
import io.silverback.core.conf.NodeConf;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code silverback check [FILE]}: validates a configuration file as {@code kong check} does,
 * with the environment applied over it as a node would load it.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check a configuration file: every key known, every value valid (SILVERBACK_*/KONG_* environment"
        + " variables applied, as when a node loads it).",
    footer = {"", "Exit codes: 0 valid, 1 invalid or unreadable, 2 usage error."})
public final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "/etc/silverback/silverback.conf",
      description = "The configuration file. Default: ${DEFAULT-VALUE}.")
  Path file;

  @Override
  public Integer call() {
    try {
      NodeConf.load(Optional.of(file), System.getenv(), Map.of());
    } catch (ConfException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.getMessage().lines().forEach(line -> err.println("Error: " + line));
      err.flush();
      return ExitCodes.FAILURE;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("configuration at " + file + " is valid");
    out.flush();
    return ExitCodes.OK;
  }
}
