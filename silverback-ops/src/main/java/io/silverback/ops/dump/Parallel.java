package io.silverback.ops.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Runs pieces of SQL work on up to {@code jobs} connections at once, as {@code pg_dump -j} does
 * (the builtin dump's tables): each piece gets its own connection from {@code dataSource}. The
 * first failure is thrown once every piece has ended.
 */
final class Parallel {
  /** One piece of work on its own connection. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  private Parallel() {}

  static void run(DataSource dataSource, int jobs, List<Work> work) throws SQLException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, work.size())), r -> {
      Thread t = new Thread(r, "silverback-dump");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Work w : work) {
        running.add(pool.submit(() -> {
          try (Connection c = dataSource.getConnection()) {
            w.run(c);
          }
          return null;
        }));
      }
      Exception first = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          first = first == null && e.getCause() instanceof Exception cause ? cause : first;
        }
      }
      rethrow(first);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while dumping", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void rethrow(Exception e) throws SQLException {
    if (e instanceof SQLException sql) {
      throw sql;
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e != null) {
      throw new DumpException(e.getMessage(), e);
    }
  }
}
