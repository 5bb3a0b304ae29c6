package io.silverback.cli;

import com.github.luben.zstd.util.Native;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import java.security.MessageDigest;
import org.postgresql.Driver;

/**
 * What most short commands do first, begun on a second thread as soon as the JVM is up, while the
 * main thread has picocli build the command line (about 60 ms on a cold JVM): reading the built-in
 * configuration defaults (the first resource read opens the runnable jar, some 21,000 entries),
 * then initializing the PostgreSQL driver and the classes a first connection initializes ({@code
 * PgConnection}'s alone takes ~13 ms), Jackson, zstd's native library (extracted from the jar) and
 * the SHA-256 provider that backups and restores hash every file with. The steps run in the order
 * a restore needs them: the configuration, then the connection (opened first), then the bundle's
 * manifest. The command then finds them ready instead of doing them on its critical path. It only
 * initializes classes and builds values it drops.
 *
 * <p>A step that fails is skipped, silently: the command meets the same failure where it can
 * report it. That includes errors of class initialization, such as zstd's loader refusing to
 * register its temporary file once a quick command ({@code --help}) has begun the JVM's shutdown.
 */
final class WarmUp implements Runnable {
  private static final String[] CONNECTION_CLASSES = {
    "org.postgresql.jdbc.PgConnection", "org.postgresql.core.v3.QueryExecutorImpl",
    "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.jdbc.TimestampUtils",
    "org.postgresql.core.ServerVersion", "org.postgresql.core.NativeQuery", "org.postgresql.jdbc.TypeInfoCache",
    "sun.nio.ch.NioSocketImpl"
  };

  /** One step of the warm-up. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

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
    runAll(NodeConf::defaults, Driver::isRegistered, WarmUp::connectionClasses, Json::object, Native::load,
        () -> MessageDigest.getInstance("SHA-256"));
  }

  /** Runs every step in order; one that throws an exception or a linkage error is skipped. */
  static void runAll(Step... steps) {
    for (Step step : steps) {
      try {
        step.run();
      } catch (Exception | LinkageError e) {
        // the command meets the same failure where it can report it
      }
    }
  }

  private static void connectionClasses() {
    ClassLoader loader = WarmUp.class.getClassLoader();
    for (String name : CONNECTION_CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // a class the driver no longer has: nothing to warm
      }
    }
  }
}
