package io.silverback.ops.dump;

import io.silverback.store.StoreException;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.SchemaSections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A load that has checked its target, holds the schema's restore lock and is building the private
 * schema at the dump's level in the background ({@link DatabaseLoad#begin}); {@link #load} fills
 * it and swaps it in. Closing drops whatever is left of the private schema and releases the lock:
 * the target is then as it was unless {@link #load} returned.
 */
public final class PendingLoad implements AutoCloseable {
  private final DatabaseLoad load;
  private final Connection lock;
  private final String level;
  /** The COPY connections, opening while the private schema is built. */
  private WarmConnections copies;
  /** The private schema's build: the latest level this build ships, and the split it was built from, if any. */
  private final FutureTask<Built> build;
  private boolean started;

  private PendingLoad(DatabaseLoad load, Connection lock, String level) {
    this.load = load;
    this.lock = lock;
    this.level = level;
    this.build = new FutureTask<>(() -> {
      Migrations migrations = load.migrations(load.staging());
      Optional<SchemaSections> sections = migrations.createTablesAt(level, lock);
      return new Built(migrations.latest(), sections);
    });
  }

  /**
   * The private schema, built.
   *
   * @param latest the latest level this build ships
   * @param sections the split it was built from as tables alone, or empty when it was built whole
   */
  private record Built(String latest, Optional<SchemaSections> sections) {}

  /**
   * Checks the target, then builds the private schema in the background on the load's own
   * connection while the COPY connections open (closing drops it).
   */
  static PendingLoad begin(DatabaseLoad load, String level, boolean replace) {
    Connection lock = null;
    try {
      lock = load.dataSource().getConnection();
      load.exclusive(lock);
      PendingLoad pending = new PendingLoad(load, lock, level);
      try {
        DatabaseLoad.execute(lock, "DROP SCHEMA IF EXISTS " + SchemaTables.quote(load.staging()) + " CASCADE");
        load.checkTarget(lock, replace);
        load.progress().accept("Building schema '" + load.staging() + "' at level " + level);
        // On the load's own connection, which nothing else uses until the build ends.
        Thread builder = new Thread(pending.build, "silverback-restore-schema");
        builder.setDaemon(true);
        pending.started = true;
        builder.start();
        pending.copies = WarmConnections.open(load.dataSource(), load.jobs());
      } catch (SQLException | RuntimeException e) {
        pending.close();
        throw e;
      }
      return pending;
    } catch (SQLException e) {
      close(lock);
      throw new DumpException("cannot start a load into schema '" + load.schema() + "': " + e.getMessage(), e);
    }
  }

  /** The schema level the private schema is built at: the dump to load must be at it. */
  public String level() {
    return level;
  }

  /**
   * Fills the private schema from the dump directory {@code dumpDir}, migrates it forward and swaps it in.
   *
   * @throws DumpException when the dump is not at the level this load began with, is damaged, or
   *     the schema cannot be built; the target is then unchanged
   */
  public LoadResult load(Path dumpDir) {
    return load(DumpFiles.in(dumpDir));
  }

  /**
   * Fills the private schema from {@code files}, migrates it forward and swaps it in. Nothing is
   * swapped in before every file has been read whole and passed the source's checks.
   *
   * @throws DumpException when the dump is not at the level this load began with, is damaged, or
   *     the schema cannot be built; the target is then unchanged
   * @throws RuntimeException what {@code files} throws for a file that fails its checks; the
   *     target is then unchanged
   */
  public LoadResult load(DumpFiles files) {
    DumpLayout layout = DumpLayout.read(files);
    String where = files.where();
    String staging = load.staging();
    try {
      if (!layout.schemaLevel().equals(level)) {
        throw new DumpException(where + " was taken at schema level " + layout.schemaLevel() + ", not " + level);
      }
      Built built = awaitBuild();
      String latest = built.latest();
      Map<String, Long> rows = load.fill(staging, layout, files, lock, copies, built.sections());
      files.finish();
      List<String> migrated = List.of();
      if (!latest.equals(level)) {
        load.progress().accept("Migrating '" + staging + "' to this Silverback's level " + latest);
        migrated = load.migrations(staging).up();
      }
      load.progress().accept("Swapping '" + staging + "' in for '" + load.schema() + "'");
      load.swap(staging, lock);
      return new LoadResult(layout.method(), level, latest, migrated, rows);
    } catch (StoreException | SQLException e) {
      throw new DumpException("cannot load " + where + " into schema '" + load.schema() + "': " + e.getMessage(), e);
    }
  }

  private Built awaitBuild() {
    try {
      return build.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new DumpException("cannot build schema '" + load.staging() + "': " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while building schema '" + load.staging() + "'", e);
    }
  }

  /** Waits for the background build, drops the private schema if it is still there, releases the lock. */
  @Override
  public void close() {
    try {
      if (started) {
        try {
          build.get();
        } catch (ExecutionException e) {
          // the build's own failure is what load() reported
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (copies != null) {
        copies.close();
      }
      DatabaseLoad.execute(lock, "DROP SCHEMA IF EXISTS " + SchemaTables.quote(load.staging()) + " CASCADE");
      load.lockCall(lock, "pg_advisory_unlock");
    } catch (SQLException e) {
      throw new DumpException("cannot clean up after a load into schema '" + load.schema() + "': " + e.getMessage(), e);
    } finally {
      close(lock);
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the pool discards a connection it cannot close cleanly; the session lock goes with it
      }
    }
  }
}
