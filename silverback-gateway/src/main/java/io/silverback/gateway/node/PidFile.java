package io.silverback.gateway.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pid file of a node ({@code <prefix>/pids/silverback.pid}), as nginx's: written atomically once
 * the node listens, deleted when it stops. A file naming a process that is no longer alive is
 * stale (the node was killed) and is removed when read.
 */
public final class PidFile {
  private final Path path;

  public PidFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /**
   * The live process the file names; empty when there is no file, or when the file is stale or
   * unreadable (it is then deleted).
   *
   * @throws NodeException when the file cannot be read or deleted for another reason than absence
   */
  public Optional<ProcessHandle> running() {
    Optional<Long> pid = read();
    Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (process.isEmpty() && Files.exists(path)) {
      delete();
    }
    return process;
  }

  /** The pid written in the file, if it holds one. */
  public Optional<Long> read() {
    try {
      return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.UTF_8).strip()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new NodeException("cannot read the pid file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code pid}, replacing the file atomically.
   *
   * @throws NodeException when it cannot be written
   */
  public void write(long pid) {
    try {
      Files.createDirectories(path.getParent());
      AtomicWrite.write(path, pid + "\n");
    } catch (IOException e) {
      throw new NodeException("cannot write the pid file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the file if it exists.
   *
   * @throws NodeException when it exists and cannot be deleted
   */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new NodeException("cannot delete the pid file " + path + ": " + e.getMessage(), e);
    }
  }
}
