package io.silverback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code silverback backup}: bundles of everything a node needs (Kong has no such command). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Create, verify, restore, list, show and prune backup bundles.",
    footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 6 verification failed (backup verify)."})
public final class BackupCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of create, verify, restore, list, show, prune");
  }
}
