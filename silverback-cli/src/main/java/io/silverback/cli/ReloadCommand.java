package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.node.DeclarativeSource;
import io.silverback.gateway.node.Prefix;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code silverback reload}: as {@code kong reload}, which sends HUP to nginx. The running node
 * receives SIGHUP, re-reads the configuration sources it was started with and, when DB-less, swaps
 * in the declarative configuration without closing a connection. The declarative configuration is
 * validated here first, so a broken file is reported to the person reloading and never reaches
 * the node.
 */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Reload the Silverback node running in the prefix directory (DB-less: swap in the declarative"
          + " configuration, keeping connections open).",
      "Listener and database settings take effect on restart only."
    },
    footer = {"", "Exit codes: 0 reload signalled, 1 not running, invalid declarative configuration or failure,"
        + " 2 usage error."})
public final class ReloadCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Override
  public Integer call() throws IOException, InterruptedException {
    NodeConf conf = node.conf();
    ProcessHandle running = NodeControl.running(Prefix.of(conf));
    if ("off".equals(conf.get("database"))) {
      DeclarativeSource.load(conf, EntityRegistry.standard());
    }
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(running.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("could not send SIGHUP to the node (pid " + running.pid() + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Silverback reloaded");
    out.flush();
    return ExitCodes.OK;
  }
}
