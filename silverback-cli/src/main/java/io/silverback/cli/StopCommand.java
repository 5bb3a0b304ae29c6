package io.silverback.cli;

import io.silverback.gateway.node.Prefix;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code silverback stop}: stops the node of the prefix, as {@code kong stop}. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the Silverback node running in the prefix directory.",
      "Sends SIGTERM (the node finishes and closes its listeners and database), then SIGKILL after --timeout."
    },
    footer = {"", "Exit codes: 0 stopped, 1 not running or failure, 2 usage error."})
public final class StopCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "30",
      description = "How long to wait for a graceful stop before killing the node. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Override
  public Integer call() {
    Prefix prefix = Prefix.of(node.conf());
    ProcessHandle running = NodeControl.running(prefix);
    boolean killed = NodeControl.stop(running, prefix.pidFile(), Duration.ofSeconds(timeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    out.println(killed ? "Timeout, Silverback stopped forcefully" : "Silverback stopped");
    out.flush();
    return ExitCodes.OK;
  }
}
