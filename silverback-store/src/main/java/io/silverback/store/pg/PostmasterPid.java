package io.silverback.store.pg;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The lock file PostgreSQL keeps in its data directory while a postmaster runs: line 1 holds the
 * process id, line 4 the port. A file left behind by a dead process (a crash, a reboot) is stale.
 */
record PostmasterPid(long pid, int port) {
  static final String FILE_NAME = "postmaster.pid";
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  /** The lock file of {@code dataDir}, or empty when it is absent or not (yet) complete. */
  static Optional<PostmasterPid> read(Path dataDir) {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve(FILE_NAME));
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Math.abs(Long.parseLong(lines.get(0).trim()));
      return Optional.of(new PostmasterPid(pid, Integer.parseInt(lines.get(3).trim())));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a server runs on {@code dataDir}: its postmaster is alive and accepts connections. */
  static boolean live(Path dataDir) {
    return read(dataDir).filter(PostmasterPid::live).isPresent();
  }

  /**
   * Deletes the lock file when its process is gone, so that a crash never blocks the next start.
   * A file whose process still lives is left to PostgreSQL's own interlock.
   */
  static void removeIfStale(Path dataDir) throws IOException {
    Optional<PostmasterPid> pid = read(dataDir);
    if (pid.isPresent() && !pid.get().postmasterAlive()) {
      Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    }
  }

  boolean live() {
    return postmasterAlive() && accepting();
  }

  /**
   * Whether the process is alive and may be a postmaster; after a reboot the id may belong to
   * another program, which the command name tells apart when the system lets us read it.
   */
  boolean postmasterAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true))
        .orElse(false);
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(EmbeddedDatabase.HOST, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
