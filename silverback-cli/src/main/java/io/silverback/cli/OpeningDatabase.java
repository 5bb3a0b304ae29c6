package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.store.pg.Database;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The configured database, opened on a thread of its own while the command does something else
 * first: {@code backup restore} opens its bundle meanwhile. Both take a noticeable share of a short
 * restore (connecting starts the JDBC driver), and neither needs the other. Its connections are
 * plain ones ({@link Database#openDirect}), each opened when asked for: a restore holds each of its
 * few connections for a whole step, so a pool would only add its start, its housekeeping thread,
 * a background connection and a validation round trip per borrow (a 100k-entity restore took
 * 0.90 s with HikariCP and 0.86 s without, with about 50 ms less CPU).
 */
final class OpeningDatabase implements AutoCloseable {
  private final CompletableFuture<Database> opening;

  private OpeningDatabase(CompletableFuture<Database> opening) {
    this.opening = opening;
  }

  /** Starts opening the database of {@code conf}. */
  static OpeningDatabase start(NodeConf conf) {
    return new OpeningDatabase(CompletableFuture.supplyAsync(() -> Database.openDirect(conf), task -> {
      Thread t = new Thread(task, "silverback-open-database");
      t.setDaemon(true);
      t.start();
    }));
  }

  /** The opening, for work to chain on it; this still owns the database. */
  CompletableFuture<Database> opened() {
    return opening;
  }

  /**
   * The database, once open; this keeps it, and closes it on {@link #close}.
   *
   * @throws RuntimeException what {@link Database#open} threw
   */
  Database database() {
    try {
      return opening.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Waits for the opening to end and closes the database if it opened. */
  @Override
  public void close() {
    opening.handle((db, failure) -> db).join();
    if (!opening.isCompletedExceptionally()) {
      opening.join().close();
    }
  }
}
