package io.silverback.ops.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs the steps of a load on {@code jobs} connections as {@code pg_restore -j} schedules them:
 * every connection takes the next ready step as soon as it is free, and a step may make others
 * ready (a table's COPY its index builds, the last of those its constraints). Steps made ready go
 * before the steps still waiting, so a table's indexes are built while its pages are still in the
 * server's cache, and a large table's builds spread over every connection instead of queueing on
 * the one that copied it.
 *
 * <p>Each connection runs in the session settings {@code session} the whole time and gets {@code
 * reset} before it goes back to the pool. The first failure stops the taking of steps (those
 * running end) and is thrown once every connection is done.
 */
final class LoadQueue {
  /** One step of a load on a connection; returns the steps it makes ready (none: an empty list). */
  @FunctionalInterface
  interface Step {
    List<Step> run(Connection c) throws SQLException;
  }

  private final Deque<Step> ready = new ArrayDeque<>();
  /** Steps queued or running. */
  private int unfinished;
  private Throwable failure;

  private LoadQueue(List<Step> steps) {
    ready.addAll(steps);
    unfinished = steps.size();
  }

  /**
   * Runs {@code steps} and every step they make ready, on up to {@code jobs} connections of {@code
   * dataSource}.
   *
   * @throws SQLException the first failure of a step, once every connection is done
   */
  static void run(DataSource dataSource, int jobs, List<Step> steps, String session, String reset)
      throws SQLException {
    LoadQueue queue = new LoadQueue(steps);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < Math.max(1, jobs); i++) {
      Thread t = new Thread(() -> queue.work(dataSource, session, reset), "silverback-restore-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    try {
      for (Thread t : workers) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      queue.failed(new DumpException("interrupted while loading", e), false);
      workers.forEach(Thread::interrupt);
      throw new DumpException("interrupted while loading", e);
    }
    queue.rethrow();
  }

  private void work(DataSource dataSource, String session, String reset) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseLoad.execute(c, session);
      try {
        Step step;
        while ((step = take()) != null) {
          List<Step> next;
          try {
            next = step.run(c);
          } catch (SQLException | RuntimeException | Error e) {
            failed(e, true);
            return;
          }
          done(next);
        }
      } finally {
        DatabaseLoad.execute(c, reset);
      }
    } catch (SQLException | RuntimeException | Error e) {
      failed(e, false);
    }
  }

  /** The next ready step; null once every step is done or one failed. Waits while others run. */
  private synchronized Step take() {
    while (ready.isEmpty() && unfinished > 0 && failure == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failure == null ? new DumpException("interrupted while loading", e) : failure;
      }
    }
    return failure != null || ready.isEmpty() ? null : ready.pollFirst();
  }

  private synchronized void done(List<Step> next) {
    for (int i = next.size() - 1; i >= 0; i--) {
      ready.addFirst(next.get(i));
    }
    unfinished += next.size() - 1;
    notifyAll();
  }

  /** @param running whether the failure is a step's (which then no longer runs) */
  private synchronized void failed(Throwable e, boolean running) {
    if (failure == null) {
      failure = e;
    }
    if (running) {
      unfinished--;
    }
    notifyAll();
  }

  private synchronized void rethrow() throws SQLException {
    if (failure instanceof SQLException sql) {
      throw sql;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }
}
