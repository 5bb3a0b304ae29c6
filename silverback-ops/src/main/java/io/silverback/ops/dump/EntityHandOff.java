package io.silverback.ops.dump;

import io.silverback.core.schema.EntitySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * Hands the entities that the calling thread reads to a thread of its own that writes them, in
 * order, so that reading and parsing the rows and writing them (JSON, zstd, SHA-256) run at once:
 * a backup's declarative export took twice one core's time, half for each side. Entities cross in
 * batches (a queue operation per entity would cost more than it saves), and at most {@value
 * #WAITING} batches wait, which bounds the memory. A failure of the writer stops the reader at its
 * next entity; {@link #finish} ends the writing and reports either side's failure. Not for more
 * than one reading thread.
 *
 * @param <T> an entity as read
 */
final class EntityHandOff<T> implements BiConsumer<EntitySchema, T>, AutoCloseable {
  static final int BATCH = 256;
  static final int WAITING = 8;

  private record Entry<T>(EntitySchema schema, T entity) {}

  /** The end of the entities: an empty batch of its own (no other empty batch is ever handed over). */
  private final List<Entry<T>> end = new ArrayList<>(0);
  private final BlockingQueue<List<Entry<T>>> queue = new ArrayBlockingQueue<>(WAITING);
  private final Thread writer;
  private volatile RuntimeException failed;
  private List<Entry<T>> batch = new ArrayList<>(BATCH);
  private boolean ended;

  private EntityHandOff(BiConsumer<EntitySchema, T> sink, String name) {
    this.writer = new Thread(() -> write(sink), name);
    writer.setDaemon(true);
  }

  /**
   * Starts the writing thread.
   *
   * @param sink what writes each entity, called on the writing thread only
   * @param name the writing thread's name
   */
  static <T> EntityHandOff<T> start(BiConsumer<EntitySchema, T> sink, String name) {
    EntityHandOff<T> handOff = new EntityHandOff<>(sink, name);
    handOff.writer.start();
    return handOff;
  }

  /** Queues one entity; throws the writer's failure instead once it has failed. */
  @Override
  public void accept(EntitySchema schema, T entity) {
    RuntimeException f = failed;
    if (f != null) {
      throw f;
    }
    batch.add(new Entry<>(schema, entity));
    if (batch.size() == BATCH) {
      hand(batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  /**
   * Hands over what is left and waits until every entity is written.
   *
   * @throws RuntimeException what the writer failed with
   */
  void finish() {
    end(batch);
    RuntimeException f = failed;
    if (f != null) {
      throw f;
    }
  }

  /** Ends the writing if {@link #finish} did not (the reader failed): what is queued is written, then the thread ends. */
  @Override
  public void close() {
    if (!ended) {
      end(List.of());
    }
  }

  private void end(List<Entry<T>> last) {
    ended = true;
    if (!last.isEmpty()) {
      hand(last);
    }
    hand(end);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while writing the declarative export", e);
    }
  }

  private void hand(List<Entry<T>> entries) {
    try {
      queue.put(entries);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while reading the declarative export", e);
    }
  }

  /** Writes every batch until the end; after a failure, only takes them, so the reader never blocks on a full queue. */
  private void write(BiConsumer<EntitySchema, T> sink) {
    try {
      for (List<Entry<T>> entries = queue.take(); entries != end; entries = queue.take()) {
        if (failed != null) {
          continue;
        }
        try {
          for (Entry<T> e : entries) {
            sink.accept(e.schema(), e.entity());
          }
        } catch (RuntimeException e) {
          failed = e;
        } catch (Error e) {
          failed = new DumpException("the declarative export's writer failed: " + e, e);
        }
      }
    } catch (InterruptedException e) {
      failed = new DumpException("interrupted while writing the declarative export", e);
    }
  }
}
