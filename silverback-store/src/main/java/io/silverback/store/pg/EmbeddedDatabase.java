package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded PostgreSQL server of a prefix, used when no {@code pg_host} is configured. Its data
 * directory {@code <prefix>/pgdata} is created on first start and kept across stops and starts;
 * its port is remembered in {@code <prefix>/pgdata.port} and its output goes to
 * {@code <prefix>/pgdata.log}.
 *
 * <p>Every process of a prefix shares one server: {@link #start} connects to the server that
 * already runs on the data directory instead of starting another, and only the process that
 * started it stops it. Starts and stops of one prefix are serialized by a lock on
 * {@code <prefix>/pgdata.lock}. The server trusts connections from the loopback address, so
 * {@link #user()} needs no password.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private static final String DATA_DIRECTORY = "pgdata";
  private static final String LOG_FILE = "pgdata.log";
  private static final String SUPERUSER = "postgres";

  private final Path prefix;
  private final int port;
  private final Optional<EmbeddedPostgres> server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedDatabase(Path prefix, int port, Optional<EmbeddedPostgres> server) {
    this.prefix = prefix;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts the server of {@code prefix}, or connects to it when it already runs. The prefix is
   * created when missing, the data directory initialized on first use. A {@code postmaster.pid}
   * left behind by a dead server does not block the start.
   *
   * @param prefix the Silverback prefix directory
   * @return the running server; {@link #owned()} tells whether this call started it
   * @throws DatabaseUnavailableException naming the data directory, the cause and the server log
   *     when the server cannot start, or when it cannot run as root on this system
   */
  public static EmbeddedDatabase start(Path prefix) {
    Path dir = prefix.toAbsolutePath().normalize();
    Path dataDir = dir.resolve(DATA_DIRECTORY);
    try (PrefixLock lock = PrefixLock.acquire(dir)) {
      Optional<PostmasterPid> running = PostmasterPid.read(dataDir).filter(PostmasterPid::live);
      if (running.isPresent()) {
        return new EmbeddedDatabase(dir, running.get().port(), Optional.empty());
      }
      int port = prepare(dir, dataDir);
      EmbeddedPostgres server = Postmaster.start(dataDir, port, dir.resolve(LOG_FILE));
      return new EmbeddedDatabase(dir, port, Optional.of(server));
    }
  }

  /**
   * Whether a server runs on the data directory of {@code prefix}: its {@code postmaster.pid}
   * names a live process and the port in it accepts connections.
   *
   * @param prefix the Silverback prefix directory
   * @return true when a server runs, whichever process started it
   */
  public static boolean isRunning(Path prefix) {
    return PostmasterPid.live(prefix.toAbsolutePath().normalize().resolve(DATA_DIRECTORY));
  }

  private static int prepare(Path prefix, Path dataDir) {
    try {
      PostmasterPid.removeIfStale(dataDir);
      return PortFile.choose(prefix);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot prepare the embedded PostgreSQL data directory " + dataDir + ": " + e, e);
    }
  }

  /** The address the server listens on: {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** The superuser, who connects from the loopback address without a password. */
  public String user() {
    return SUPERUSER;
  }

  /** False when another process (or an earlier call) started the server and this one only connects. */
  public boolean owned() {
    return server.isPresent();
  }

  /**
   * Stops the server when {@link #owned()}, leaving the data directory in place; otherwise leaves
   * it running. Closing twice does nothing.
   *
   * @throws DatabaseUnavailableException naming the data directory when the server cannot be stopped
   */
  @Override
  public void close() {
    if (server.isEmpty() || !closed.compareAndSet(false, true)) {
      return;
    }
    try (PrefixLock lock = PrefixLock.acquire(prefix)) {
      server.get().close();
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot stop the embedded PostgreSQL of " + prefix.resolve(DATA_DIRECTORY) + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedDatabase[" + prefix.resolve(DATA_DIRECTORY) + " on " + HOST + ":" + port
        + (owned() ? ", owned" : "") + "]";
  }
}
