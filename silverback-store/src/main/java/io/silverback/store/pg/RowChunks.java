package io.silverback.store.pg;

import io.silverback.core.config.Entity;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Encodes the rows of one table as COPY text on a helper thread, in chunks the caller takes and
 * sends. Encoding (entity JSON, escaping) costs about a third of a bulk load; overlapping it with
 * the sending, while PostgreSQL parses the previous chunk, takes it off the load's critical path
 * on a two-core machine. At most a few chunks wait in memory.
 */
final class RowChunks implements AutoCloseable {
  private static final int CHUNK_CHARS = 256 * 1024;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4);
  private final Thread producer;
  private volatile RuntimeException failure;

  RowChunks(Table table, Collection<Entity> rows) {
    this.producer = new Thread(() -> produce(table, rows), "silverback-copy-" + table.type());
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * The next chunk, or null after the last one.
   *
   * @throws RuntimeException what encoding a row failed with
   */
  byte[] next() throws InterruptedException {
    byte[] chunk = queue.take();
    if (chunk == END) {
      if (failure != null) {
        throw failure;
      }
      return null;
    }
    return chunk;
  }

  private void produce(Table table, Collection<Entity> rows) {
    try {
      StringBuilder sb = new StringBuilder(CHUNK_CHARS + 4096);
      for (Entity e : rows) {
        CopyText.appendRow(sb, table.values(e));
        if (sb.length() >= CHUNK_CHARS) {
          queue.put(sb.toString().getBytes(StandardCharsets.UTF_8));
          sb.setLength(0);
        }
      }
      if (sb.length() > 0) {
        queue.put(sb.toString().getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      return;
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the helper thread when the caller gives up early. */
  @Override
  public void close() {
    producer.interrupt();
  }
}
