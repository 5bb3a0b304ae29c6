package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Prefix;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code silverback restart}: {@code stop} when running, then {@code start}, as {@code kong restart}. */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = "Restart the Silverback node of the prefix directory: stop it when it runs, then start it in the background.",
    footer = {"", "Exit codes: 0 started, 1 failure, 2 usage error."})
public final class RestartCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "30",
      description = "How long to wait for the old node to stop before killing it. Default: ${DEFAULT-VALUE}.")
  int stopTimeoutSeconds;

  @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for the new node to be ready. Default: ${DEFAULT-VALUE}.")
  int startTimeoutSeconds;

  @Override
  public Integer call() {
    NodeConf conf = node.conf();
    Prefix prefix = Prefix.of(conf);
    prefix.pidFile().running().ifPresent(p -> NodeControl.stop(p, prefix.pidFile(), Duration.ofSeconds(stopTimeoutSeconds)));
    NodeControl.startInBackground(node, conf, Duration.ofSeconds(startTimeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Silverback started");
    out.flush();
    return ExitCodes.OK;
  }
}
