package io.silverback.cli;

import com.github.luben.zstd.util.Native;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.postgresql.Driver;

/**
 * What most short commands do first, begun on a second thread as soon as the JVM is up, while the
 * main thread has picocli build the command line (about 60 ms on a cold JVM): reading the built-in
 * configuration defaults (the first resource read opens the runnable jar, some 21,000 entries),
 * then initializing the PostgreSQL driver and Jackson, the classes a first connection initializes
 * ({@code PgConnection}'s alone takes ~13 ms), zstd's native library (extracted from the jar) and
 * the SHA-256 provider that backups and restores hash every file with. The command then finds
 * them ready instead of doing them on its critical path. It only initializes classes and builds
 * values it drops.
 */
final class WarmUp implements Runnable {
  private static final String[] CONNECTION_CLASSES = {
    "org.postgresql.jdbc.PgConnection", "org.postgresql.core.v3.QueryExecutorImpl",
    "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.jdbc.TimestampUtils",
    "org.postgresql.core.ServerVersion", "org.postgresql.core.NativeQuery", "org.postgresql.jdbc.TypeInfoCache",
    "sun.nio.ch.NioSocketImpl"
  };

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
      ClassLoader loader = WarmUp.class.getClassLoader();
      for (String name : CONNECTION_CLASSES) {
        initialize(name, loader);
      }
      Native.load();
      MessageDigest.getInstance("SHA-256");
    } catch (RuntimeException | NoSuchAlgorithmException e) {
      // the command meets the same failure where it can report it
    }
  }

  private static void initialize(String name, ClassLoader loader) {
    try {
      Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      // a class the driver no longer has: nothing to warm
    }
  }
}
