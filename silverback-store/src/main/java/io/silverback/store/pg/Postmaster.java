package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * Starts the PostgreSQL server of a data directory through io.zonky's {@link EmbeddedPostgres}:
 * initdb on first use, the data kept on close, the server's output in a log file beside it.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky runs initdb, pg_ctl and postgres through
 * {@code unshare -U}, where they run as {@code nobody} of a new user namespace; files owned by root
 * appear there as owned by that user, so the root-owned 0700 data directory suits them. Without
 * user namespaces zonky would not wrap them and initdb would fail: we say so before trying.
 */
final class Postmaster {
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  private static final Set<Set<PosixFilePermission>> ACCEPTED_MODES =
      Set.of(OWNER_ONLY, PosixFilePermissions.fromString("rwxr-x---"));

  private Postmaster() {}

  /**
   * Starts a server on {@code dataDir} listening on {@link EmbeddedDatabase#HOST}:{@code port},
   * its output in {@code logFile}.
   *
   * @throws DatabaseUnavailableException naming the data directory, the port and the log when
   *     initdb or the server fails, or when running as root without user namespaces
   */
  static EmbeddedPostgres start(Path dataDir, int port, Path logFile) {
    requireNonRootOrUserNamespaces(dataDir);
    ServerLog log = new ServerLog(logFile);
    try {
      prepareDataDirectory(dataDir);
      log.reset();
      return startWatched(dataDir, port, log);
    } catch (IOException | RuntimeException e) {
      String excerpt = log.excerpt();
      throw new DatabaseUnavailableException(String.format(
          "the embedded PostgreSQL did not start on data directory %s (port %d): %s%s; server log: %s",
          dataDir, port, e.getMessage(), excerpt.isEmpty() ? "" : " (" + excerpt + ")", logFile), e);
    }
  }

  private static EmbeddedPostgres startWatched(Path dataDir, int port, ServerLog log)
      throws IOException {
    EmbeddedPostgres server;
    boolean failed;
    try (FailureWatch watch = FailureWatch.start(log)) {
      server = builder(dataDir, port, log).start();
      failed = watch.fired() && !PostmasterPid.live(dataDir);
    }
    if (failed) {
      server.close();
      throw new IOException("pg_ctl could not start the server");
    }
    return server;
  }

  private static EmbeddedPostgres.Builder builder(Path dataDir, int port, ServerLog log) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("listen_addresses", EmbeddedDatabase.HOST)
        .setServerConfig("synchronous_commit", "on")
        .setOutputRedirector(Redirect.appendTo(log.path().toFile()))
        .setErrorRedirector(Redirect.appendTo(log.path().toFile()))
        .setPGStartupWait(STARTUP_WAIT);
  }

  /** Creates the data directory 0700, or restores 0700 when PostgreSQL would refuse its mode. */
  private static void prepareDataDirectory(Path dataDir) throws IOException {
    if (Files.notExists(dataDir)) {
      Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else if (!ACCEPTED_MODES.contains(Files.getPosixFilePermissions(dataDir))) {
      Files.setPosixFilePermissions(dataDir, OWNER_ONLY);
    }
  }

  private static void requireNonRootOrUserNamespaces(Path dataDir) {
    if (runsAsRoot() && !LinuxUtils.isUnshareAvailable()) {
      throw new DatabaseUnavailableException(
          "the embedded PostgreSQL cannot run as root here (data directory " + dataDir
              + "): PostgreSQL refuses root and user namespaces (unshare -U as nobody) are not"
              + " available; set pg_host to a PostgreSQL server or run as a normal user",
          null);
    }
  }

  private static boolean runsAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
