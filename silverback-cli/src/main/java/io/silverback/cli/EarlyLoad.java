package io.silverback.cli;

import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.ops.dump.PendingLoad;
import io.silverback.store.pg.Migrations;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A native restore's load, begun as soon as the database is open instead of after the bundle: the
 * private schema is built at this build's latest level while the bundle opens, which takes about a
 * tenth of a second off a restore. It waits for no entity schema, since a load reads no entity.
 * The restore takes it over ({@link #take}) when the bundle is at that level and drops it otherwise;
 * until then this owns it, and {@link #close} drops the private schema and releases the restore
 * lock, so a bundle that fails to open changes nothing. A load that failed to begin (the target
 * refused, another restore running) is reported by the restore's own attempt, after the bundle's
 * checks.
 */
final class EarlyLoad implements AutoCloseable {
  private final CompletableFuture<PendingLoad> begun;
  private boolean taken;

  private EarlyLoad(CompletableFuture<PendingLoad> begun) {
    this.begun = begun;
  }

  /**
   * Begins a load into {@code database} at this build's latest level, on a thread of its own once
   * the database is open; that level is read from the migrations meanwhile, on another.
   *
   * @param replace whether a target holding entities may be replaced: the restore must pass the same
   */
  static EarlyLoad start(OpeningDatabase database, boolean replace, Consumer<String> progress) {
    CompletableFuture<String> level = CompletableFuture.supplyAsync(Migrations::shipped,
        task -> daemon(task, "silverback-restore-level"));
    return new EarlyLoad(database.opened().thenCombineAsync(level,
        (db, l) -> DatabaseLoad.into(db).withProgress(progress).begin(l, replace),
        task -> daemon(task, "silverback-restore-begin")));
  }

  private static void daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  /** The begun load, now the caller's to close; null when it failed to begin. */
  PendingLoad take() {
    taken = true;
    return begun.handle((pending, failure) -> pending).join();
  }

  /** Drops the load unless taken: waits for it to begin, then closes it. */
  @Override
  public void close() {
    if (taken) {
      return;
    }
    taken = true;
    PendingLoad pending = begun.handle((p, failure) -> p).join();
    if (pending != null) {
      pending.close();
    }
  }
}
