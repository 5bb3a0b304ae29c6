package io.silverback.ops.restore;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigException;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.config.DbImport;
import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.ops.dump.DumpException;
import io.silverback.ops.dump.LoadResult;
import io.silverback.ops.dump.PendingLoad;
import io.silverback.store.StoreException;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Restores a bundle: every mode first verifies every file of the bundle (a bundle that fails a
 * checksum restores nothing), then writes its target so that a failure leaves it as it was.
 * Opening the bundle (which refuses one from a newer Silverback) is the caller's.
 */
public final class BackupRestore {
  private final Supplier<EntityRegistry> registries;
  private final LongSupplier nanos;
  private final Consumer<String> progress;
  private EntityRegistry registry;

  /** A restore with the entity schemas of {@code registry}, silent. */
  public BackupRestore(EntityRegistry registry) {
    this(() -> registry, System::nanoTime, line -> { });
  }

  /**
   * A restore that announces each step.
   *
   * @param progress receives a line per step
   */
  public BackupRestore(EntityRegistry registry, Consumer<String> progress) {
    this(() -> registry, System::nanoTime, progress);
  }

  /**
   * A restore that announces each step and asks for the entity schemas only when it reads
   * entities: a native restore reads none, and building every schema costs a cold JVM about 30 ms
   * of CPU, which a short restore on two cores feels.
   *
   * @param registry called at most once, by the first mode that reads entities
   * @param progress receives a line per step
   */
  public BackupRestore(Supplier<EntityRegistry> registry, Consumer<String> progress) {
    this(registry, System::nanoTime, progress);
  }

  /** @param nanos the clock the time taken is measured on */
  BackupRestore(EntityRegistry registry, LongSupplier nanos, Consumer<String> progress) {
    this(() -> registry, nanos, progress);
  }

  private BackupRestore(Supplier<EntityRegistry> registry, LongSupplier nanos, Consumer<String> progress) {
    this.registries = registry;
    this.nanos = nanos;
    this.progress = progress;
  }

  private synchronized EntityRegistry registry() {
    if (registry == null) {
      registry = registries.get();
    }
    return registry;
  }

  /**
   * <em>native</em>: loads the bundle's database dump with {@code load}, migrating it forward when
   * it is older than this build; running nodes reload through the change feed. The bundle's other
   * files are verified from the start, beside the check of the target and the build of the
   * private schema; the dump (builtin or pg_dump) is then decoded from the bundle straight into
   * COPY, and every check completes before the new schema is swapped in.
   *
   * @param replace whether a database holding entities may be replaced (the operator confirmed)
   * @throws RestoreException when the bundle has no dump, the target is refused, or the load fails;
   *     the database is then unchanged
   * @throws io.silverback.ops.backup.BackupException when a file of the bundle fails its checks
   */
  public RestoreResult nativeLoad(Bundle bundle, DatabaseLoad load, String target, boolean replace) {
    return nativeLoad(bundle, load, target, replace, null);
  }

  /**
   * As {@link #nativeLoad(Bundle, DatabaseLoad, String, boolean)}, with a load that the caller began
   * before the bundle was open ({@link DatabaseLoad#begin} at {@link DatabaseLoad#latestLevel}, with
   * the same {@code replace}), so that the private schema was being built meanwhile. This takes
   * {@code begun} over and closes it: it is used when the bundle is at its level, and otherwise
   * dropped for a load at the bundle's.
   *
   * @param begun a load begun early, or null
   */
  public RestoreResult nativeLoad(Bundle bundle, DatabaseLoad load, String target, boolean replace, PendingLoad begun) {
    long start = nanos.getAsLong();
    String level = bundle.manifest().schemaLevel();
    PendingLoad early = begun;
    if (early != null && (bundle.manifest().dumpMethod() == null || !early.level().equals(level))) {
      early.close();
      early = null;
    }
    if (bundle.manifest().dumpMethod() == null) {
      throw new RestoreException("bundle " + bundle.path() + " holds no database dump (mode '" + bundle.manifest().mode()
          + "'); restore it with --mode declarative or --mode dbless");
    }
    progress.accept("Verifying " + bundle.path() + " while loading its database dump");
    try (BundleDump dump = BundleDump.verifying(bundle);
         PendingLoad pending = early != null ? early : load.withProgress(progress).begin(level, replace)) {
      LoadResult result = pending.load(dump);
      Map<String, Integer> counts = new LinkedHashMap<>();
      result.entityRows().forEach((table, n) -> {
        if (n > 0) {
          counts.put(table, n.intValue());
        }
      });
      List<String> notes = new ArrayList<>();
      notes.add("loaded the " + result.method() + " dump taken at schema level " + result.dumpLevel());
      if (!result.migrated().isEmpty()) {
        notes.add("migrated forward to level " + result.schemaLevel() + ": " + String.join(", ", result.migrated()));
      }
      notes.add("nodes on this database reload through the change feed");
      return new RestoreResult(RestoreMode.NATIVE, target, counts, took(start), notes);
    } catch (DumpException e) {
      throw new RestoreException("cannot restore " + bundle.path() + " into " + target + " (nothing was changed): "
          + e.getMessage(), e);
    }
  }

  /**
   * <em>declarative</em>: bootstraps (or migrates) {@code db} and imports the bundle's declarative
   * export in one transaction; with {@code replace}, entities the export does not hold are deleted.
   *
   * @throws RestoreException when the database holds entities and {@code replace} is false, the
   *     export is invalid, or the import fails; nothing is then imported
   */
  public RestoreResult declarative(Bundle bundle, Database db, boolean replace) {
    long start = nanos.getAsLong();
    try (Sections sections = verified(bundle)) {
      Config config = read(bundle, sections.declarativeFile());
      progress.accept("Bootstrapping or migrating " + db);
      Migrations migrations = new Migrations(db.dataSource(), db.schema());
      List<String> notes = new ArrayList<>();
      if (migrations.bootstrap()) {
        notes.add("bootstrapped schema '" + db.schema() + "'");
      } else if (!migrations.state().pending().isEmpty()) {
        notes.add("migrated schema '" + db.schema() + "': " + String.join(", ", migrations.up()));
      }
      PostgresStore store = new PostgresStore(db.dataSource(), registry(), db.schema(), Clock.systemUTC());
      long present = registry().ordered().stream().mapToLong(s -> store.count(s.name())).sum();
      if (present > 0 && !replace) {
        throw new RestoreException("cannot restore " + bundle.path() + " into " + db + ": it holds " + present
            + " entities; a restore replaces them, confirm to proceed (--yes)");
      }
      progress.accept((replace ? "Replacing the database with " : "Importing ") + config.size()
          + " entities in one transaction");
      if (replace) {
        store.replaceAll(config);
      } else {
        store.loadAll(config);
      }
      notes.add("imported in one transaction; nodes on this database reload through the change feed");
      return new RestoreResult(RestoreMode.DECLARATIVE, db.toString(), config.counts(), took(start), notes);
    } catch (StoreException e) {
      throw new RestoreException("cannot restore " + bundle.path() + " into " + db + " (nothing was imported): "
          + e.getMessage(), e);
    }
  }

  /**
   * <em>dbless</em> to a file: validates the bundle's declarative export and writes it atomically
   * (mode {@code 0600}) to {@code declarativeConfig}, replacing the file; the caller reloads the node.
   *
   * @throws RestoreException when the export is invalid; the file is then unchanged
   */
  public RestoreResult dblessFile(Bundle bundle, Path declarativeConfig) {
    long start = nanos.getAsLong();
    try (Sections sections = verified(bundle)) {
      Config config = read(bundle, sections.declarativeFile());
      DblessTarget.write(config, declarativeConfig);
      return new RestoreResult(RestoreMode.DBLESS, declarativeConfig.toString(), config.counts(), took(start),
          List.of("wrote " + declarativeConfig + " atomically"));
    }
  }

  /**
   * <em>dbless</em> to a running node: validates the bundle's declarative export and posts it to
   * {@code POST /config} of the node's Admin API, which swaps it in whole or refuses it.
   *
   * @param adminUrl the Admin API, e.g. {@code http://127.0.0.1:8001}
   * @param token the {@code Kong-Admin-Token} to send, or null
   * @throws RestoreException when the export is invalid or the node refuses it or cannot be reached
   */
  public RestoreResult dblessNode(Bundle bundle, String adminUrl, String token) {
    long start = nanos.getAsLong();
    try (Sections sections = verified(bundle)) {
      Path file = sections.declarativeFile();
      Config config = read(bundle, file);
      DblessTarget.post(file, adminUrl, token);
      return new RestoreResult(RestoreMode.DBLESS, adminUrl + "/config", config.counts(), took(start),
          List.of("the node swapped in the configuration"));
    }
  }

  private Sections verified(Bundle bundle) {
    progress.accept("Verifying " + bundle.path());
    return Sections.verified(bundle);
  }

  private Config read(Bundle bundle, Path file) {
    progress.accept("Reading and validating the declarative export");
    try {
      return DbImport.read(file, registry()).config();
    } catch (DeclarativeConfigException e) {
      throw new RestoreException("bundle " + bundle.path() + ": its declarative export is invalid: " + e.getMessage(), e);
    }
  }

  private Duration took(long start) {
    return Duration.ofNanos(nanos.getAsLong() - start);
  }
}
