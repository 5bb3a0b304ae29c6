package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to start or stop the embedded server of one prefix: a file lock on
 * {@code <prefix>/pgdata.lock} between processes, and a lock per prefix between threads, because
 * the JVM refuses a second overlapping file lock instead of waiting for it.
 */
final class PrefixLock implements AutoCloseable {
  static final String FILE_NAME = "pgdata.lock";
  private static final ConcurrentMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;

  private PrefixLock(ReentrantLock threadLock, FileChannel channel) {
    this.threadLock = threadLock;
    this.channel = channel;
  }

  /**
   * Waits for the lock of {@code prefix}, creating the prefix if missing.
   *
   * @throws DatabaseUnavailableException naming the lock file when it cannot be created or locked
   */
  static PrefixLock acquire(Path prefix) {
    Path file = prefix.resolve(FILE_NAME);
    try {
      Path key = Files.createDirectories(prefix).toRealPath();
      ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(key, p -> new ReentrantLock());
      threadLock.lock();
      try {
        return new PrefixLock(threadLock, lockFile(file));
      } catch (IOException | RuntimeException e) {
        threadLock.unlock();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot lock " + file + " to start or stop the embedded PostgreSQL: " + e, e);
    }
  }

  private static FileChannel lockFile(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      channel.lock();
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the file lock even when close fails: nothing is left to undo.
    } finally {
      threadLock.unlock();
    }
  }
}
