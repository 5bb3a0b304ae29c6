package io.silverback.gateway.plugins.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Kong's plugin queue (kong/tools/queue.lua) for one log server: entries wait until {@code
 * max_batch_size} of them are there or {@code max_coalescing_delay} seconds passed since the
 * first, then go out as one batch; one batch is in flight at a time. A failed batch is retried
 * after {@code initial_retry_delay}, doubling up to {@code max_retry_delay}, until {@code
 * max_retry_time} has passed since its first try; then it is dropped with an error. When {@code
 * max_entries} wait, the oldest is dropped. Nothing here waits on a thread: timers and futures.
 */
final class LogQueue {
  private static final System.Logger LOG = System.getLogger(LogQueue.class.getName());

  private final String name;
  private final Vertx vertx;
  private final JsonNode queue;
  private final Function<List<String>, Future<Void>> send;
  private final LongSupplier nanos;
  private final Deque<String> entries = new ArrayDeque<>();
  private boolean sending;
  private long timer = -1;
  private boolean warnedFull;

  LogQueue(String name, Vertx vertx, JsonNode queue, Function<List<String>, Future<Void>> send, LongSupplier nanos) {
    this.name = name;
    this.vertx = vertx;
    this.queue = queue;
    this.send = send;
    this.nanos = nanos;
  }

  /** Adds {@code entry}; returns at once. */
  synchronized void enqueue(String entry) {
    if (entries.size() >= queue.path("max_entries").asInt(10000)) {
      entries.pollFirst();
      if (!warnedFull) {
        warnedFull = true;
        LOG.log(System.Logger.Level.WARNING, "http-log: queue " + name + " full, dropping the oldest entries");
      }
    }
    entries.addLast(entry);
    schedule();
  }

  /** Entries waiting (not counting a batch in flight). */
  synchronized int waiting() {
    return entries.size();
  }

  private void schedule() {
    if (sending || entries.isEmpty()) {
      return;
    }
    if (entries.size() >= batchSize()) {
      cancelTimer();
      vertx.runOnContext(v -> flush());
    } else if (timer < 0) {
      long delay = Math.max(1, (long) (queue.path("max_coalescing_delay").asDouble(1) * 1000));
      timer = vertx.setTimer(delay, id -> {
        synchronized (this) {
          timer = -1;
        }
        flush();
      });
    }
  }

  private void flush() {
    List<String> batch = new ArrayList<>();
    synchronized (this) {
      if (sending || entries.isEmpty()) {
        return;
      }
      while (batch.size() < batchSize() && !entries.isEmpty()) {
        batch.add(entries.pollFirst());
      }
      sending = true;
      warnedFull = false;
    }
    attempt(batch, nanos.getAsLong(), queue.path("initial_retry_delay").asDouble(0.01));
  }

  private void attempt(List<String> batch, long firstTry, double delaySeconds) {
    send.apply(batch).onComplete(ar -> {
      if (ar.succeeded()) {
        done();
        return;
      }
      double elapsed = (nanos.getAsLong() - firstTry) / 1e9;
      if (elapsed + delaySeconds > queue.path("max_retry_time").asDouble(60)) {
        LOG.log(System.Logger.Level.ERROR, "http-log: could not send entries of queue " + name + ", giving up after "
            + String.format("%.1f", elapsed) + " s: " + ar.cause().getMessage());
        done();
        return;
      }
      double next = Math.min(delaySeconds * 2, queue.path("max_retry_delay").asDouble(60));
      vertx.setTimer(Math.max(1, (long) (delaySeconds * 1000)), id -> attempt(batch, firstTry, next));
    });
  }

  private synchronized void done() {
    sending = false;
    schedule();
  }

  private int batchSize() {
    return Math.max(1, queue.path("max_batch_size").asInt(1));
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
