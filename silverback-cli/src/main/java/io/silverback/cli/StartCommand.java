package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.HangupSignal;
import io.silverback.gateway.node.Node;
import io.silverback.gateway.node.Prefix;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code silverback start}: starts a node in the prefix, in a background JVM (as {@code kong start}
 * daemonizes nginx) or, with {@code --foreground}, in this process until SIGTERM or SIGINT.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a Silverback node (Admin API and proxy) in the prefix directory.",
      "By default the node runs in the background, logging to <prefix>/logs/error.log; this command returns"
          + " once its Admin API answers. SIGHUP (silverback reload) reloads it; SIGTERM (silverback stop) stops it."
    },
    footer = {"", "Exit codes: 0 started (with --foreground: never returns until stopped), 1 failure"
        + " (already running, port in use, database not bootstrapped, invalid configuration), 2 usage error."})
public final class StartCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = "--foreground", description = "Run the node in this process (for containers and service managers).")
  boolean foreground;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for a background node to be ready. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    NodeConf conf = node.conf();
    NodeControl.refuseIfRunning(Prefix.of(conf));
    if (foreground) {
      runHere(conf);
    }
    NodeControl.startInBackground(node, conf, Duration.ofSeconds(timeoutSeconds));
    say("Silverback started");
    return ExitCodes.OK;
  }

  private void runHere(NodeConf conf) throws InterruptedException {
    // The handler goes in before the node starts: `silverback start` returns once the Admin API
    // answers, which can be before Node.start does, and an unhandled SIGHUP would end the JVM. A
    // hangup while the node starts is kept and applied once it runs.
    AtomicReference<Node> started = new AtomicReference<>();
    AtomicBoolean pending = new AtomicBoolean();
    boolean hangups = HangupSignal.install(() -> {
      Node node;
      synchronized (started) {
        node = started.get();
        if (node == null) {
          pending.set(true);
          return;
        }
      }
      reload(node);
    });
    Node running = Node.start(conf);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop();
      say("Silverback stopped");
    }, "silverback-stop"));
    boolean hungUp;
    synchronized (started) {
      started.set(running);
      hungUp = pending.getAndSet(false);
    }
    say("Silverback started: " + running.describe());
    if (!hangups) {
      say("Warning: SIGHUP is ignored in this process (started under nohup?), so 'silverback reload' cannot"
          + " reach it; restart it without nohup, or use POST /config in DB-less mode");
    }
    if (hungUp) {
      reload(running);
    }
    new CountDownLatch(1).await();
  }

  private void reload(Node running) {
    try {
      running.reload(node.conf());
      say("Silverback reloaded");
    } catch (RuntimeException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("Error: reload failed, the node keeps its configuration: " + e.getMessage());
      err.flush();
    }
  }

  private void say(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }
}
