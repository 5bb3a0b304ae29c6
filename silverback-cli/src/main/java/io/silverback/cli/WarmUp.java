package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import org.postgresql.Driver;

/**
 * What most short commands do first, begun on a second thread as soon as the JVM is up, while the
 * main thread has picocli build the command line (about 60 ms on a cold JVM): reading the built-in
 * configuration defaults (the first resource read opens the runnable jar, some 21,000 entries),
 * then initializing the PostgreSQL driver and Jackson. The command then finds them ready instead
 * of doing them on its main thread. It only initializes classes and builds a value it drops.
 */
final class WarmUp implements Runnable {
  private WarmUp() {}

  /**
   * Starts the warm-up on a daemon thread (a class of its own, not a lambda: the first lambda of a
   * JVM bootstraps the method-handle machinery, which would then happen on the main thread first).
   */
  static void start() {
    Thread t = new Thread(new WarmUp(), "silverback-warm-up");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    try {
      NodeConf.defaults();
      Driver.isRegistered();
      Json.object();
    } catch (RuntimeException e) {
      // the command meets the same failure where it can report it
    }
  }
}
