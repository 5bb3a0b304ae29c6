package io.silverback.gateway.plugins.filelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends lines to log files on one thread of its own, so that an event loop only hands a line
 * over. Files stay open between lines (Kong caches the descriptor); {@code reopen} closes and
 * opens the file before each line, which follows a rotation. New files get mode 0644, as Kong's.
 *
 * <p>At most {@value #QUEUE} lines wait; beyond that lines are dropped and counted, since a slow
 * disk must not take the node's memory. A failure to open is reported once per path until a
 * write there succeeds again.
 */
final class LogFileWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogFileWriter.class.getName());
  private static final int QUEUE = 100_000;

  private final ThreadPoolExecutor thread;
  private final Map<Path, FileChannel> open = new HashMap<>();
  private final Map<Path, Boolean> failing = new HashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  LogFileWriter() {
    thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "silverback-file-log");
      t.setDaemon(true);
      return t;
    }, (task, executor) -> dropped.incrementAndGet());
  }

  /** Queues {@code line} (without its newline) for {@code path}. Never blocks. */
  void append(Path path, String line, boolean reopen) {
    thread.execute(() -> write(path, (line + "\n").getBytes(StandardCharsets.UTF_8), reopen));
  }

  /** Completes when every line queued before it is written. */
  CompletableFuture<Void> flush() {
    return CompletableFuture.runAsync(() -> { }, thread);
  }

  /** Lines dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    thread.execute(() -> {
      open.values().forEach(LogFileWriter::closeQuietly);
      open.clear();
    });
    thread.shutdown();
  }

  private void write(Path path, byte[] line, boolean reopen) {
    FileChannel ch = open.get(path);
    if (ch != null && reopen) {
      closeQuietly(ch);
      open.remove(path);
      ch = null;
    }
    try {
      if (ch == null) {
        ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        open.put(path, ch);
      }
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (failing.remove(path) != null) {
        LOG.log(System.Logger.Level.INFO, "file-log: writing to " + path + " again");
      }
    } catch (IOException | UnsupportedOperationException e) {
      if (ch != null) {
        closeQuietly(ch);
        open.remove(path);
      }
      if (failing.put(path, Boolean.TRUE) == null) {
        LOG.log(System.Logger.Level.ERROR, "file-log: failed to open the file " + path + ": " + e.getMessage());
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "file-log: closing a log file failed: " + e.getMessage());
    }
  }
}
