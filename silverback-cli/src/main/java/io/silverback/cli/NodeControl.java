package io.silverback.cli;

import io.silverback.core.conf.Listener;
import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.PidFile;
import io.silverback.gateway.node.Prefix;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a node in a background JVM and stops a running one, for {@code start}, {@code stop} and
 * {@code restart}.
 *
 * <p>The background JVM runs {@code silverback start --foreground} on this JVM's class path (the
 * runnable jar under {@code bin/silverback}), with {@code SILVERBACK_JAVA_OPTS} as its only JVM
 * options: this JVM's own flags are not inherited, so the short-lived CLI's tuning (the launcher's
 * C1-only flags) or a debugger agent never reaches the long-running node. Its standard output and
 * error are appended to {@code <prefix>/logs/error.log}.
 */
final class NodeControl {
  private static final Duration POLL = Duration.ofMillis(100);

  private NodeControl() {}

  /** {@code Silverback is not running in <prefix>}, or {@code no such prefix}, as Kong's messages. */
  static ProcessHandle running(Prefix prefix) {
    if (!Files.isDirectory(prefix.root())) {
      throw new IllegalStateException("no such prefix: " + prefix);
    }
    return prefix.pidFile().running()
        .orElseThrow(() -> new IllegalStateException("Silverback is not running in " + prefix));
  }

  /** Refuses to go on when the pid file names a live process. */
  static void refuseIfRunning(Prefix prefix) {
    prefix.pidFile().running().ifPresent(p -> {
      throw new IllegalStateException("Silverback is already running in " + prefix + " (pid " + p.pid() + ")");
    });
  }

  /**
   * Starts the node of {@code options} in a background JVM and waits until it is ready: its pid
   * file names it and its first Admin API listener answers {@code GET /status}.
   *
   * @throws IllegalStateException with the node's own error (read from its log) when it exits
   *     first, or when it is not ready within {@code timeout} (it is then killed)
   */
  static void startInBackground(NodeOptions options, NodeConf conf, Duration timeout) {
    Prefix prefix = Prefix.of(conf).prepare(conf);
    Path log = prefix.errorLog();
    long offset = log.toFile().length();
    Process child;
    try {
      child = new ProcessBuilder(command(options, conf))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for the node: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready(child, prefix, conf)) {
      if (!child.isAlive()) {
        throw new IllegalStateException(ChildLog.error(log, offset, child.exitValue()));
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        throw new IllegalStateException("the node was not ready within " + timeout.toSeconds()
            + " s and was killed; see " + log);
      }
      pause();
    }
  }

  private static boolean ready(Process child, Prefix prefix, NodeConf conf) {
    if (prefix.pidFile().read().filter(pid -> pid == child.pid()).isEmpty()) {
      return false;
    }
    List<Listener> admin = conf.listeners("admin_listen");
    return admin.isEmpty() || AdminProbe.status(admin.get(0), conf.optional("admin_token")).isPresent();
  }

  static List<String> command(NodeOptions options, NodeConf conf) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("SILVERBACK_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(List.of(opts.strip().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "start", "--foreground"));
    cmd.addAll(options.args(conf));
    return cmd;
  }

  /**
   * Stops the node running in {@code prefix}: SIGTERM (a graceful stop), then SIGKILL when it has
   * not exited within {@code timeout}; a pid file the node could not delete is removed.
   *
   * @return true when the node had to be killed
   */
  static boolean stop(ProcessHandle node, PidFile pidFile, Duration timeout) {
    node.destroy();
    boolean killed = false;
    if (!exited(node, timeout)) {
      node.destroyForcibly();
      killed = true;
      exited(node, Duration.ofSeconds(10));
    }
    if (pidFile.read().filter(pid -> pid == node.pid()).isPresent()) {
      pidFile.delete();
    }
    return killed;
  }

  private static boolean exited(ProcessHandle node, Duration timeout) {
    try {
      node.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !node.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !node.isAlive();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the node", e);
    }
  }
}
