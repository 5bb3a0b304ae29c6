package io.silverback.ops.backup;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.config.DbImport;
import io.silverback.ops.dump.DatabaseSnapshot;
import io.silverback.ops.dump.DumpException;
import io.silverback.ops.dump.DumpInfo;
import io.silverback.store.pg.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * {@code silverback backup create}: one bundle of everything a node needs. With a database, one
 * {@link DatabaseSnapshot} feeds both the native dump and the declarative export, so the two hold
 * the same data; DB-less, the declarative file is validated and stored. Either way the keyring and
 * the prefix files go in, and the bundle only gets its final name once complete.
 */
public final class BackupCreate {
  /**
   * The declarative section's file: the {@code db_export} format, in its JSON syntax (Kong's
   * {@code db_export} writes JSON for a {@code .json} name), which writes and reads several times
   * faster than YAML at 100k entities.
   */
  public static final String DECLARATIVE_FILE = "kong.json";
  /** The keyring section's file: an empty list until field encryption lands. */
  public static final String KEYRING_FILE = "keyring.json";

  private final EntityRegistry registry;
  private final Clock clock;
  private final LongSupplier nanos;

  /**
   * @param clock gives the bundle's creation time
   * @param nanos measures how long it took
   */
  public BackupCreate(EntityRegistry registry, Clock clock, LongSupplier nanos) {
    this.registry = registry;
    this.clock = clock;
    this.nanos = nanos;
  }

  /**
   * What a backup wrote.
   *
   * @param bundle the finished bundle
   * @param took how long it took
   */
  public record Result(BundleWriter.Written bundle, Duration took) {
    /** Entities per type. */
    public Map<String, Integer> counts() {
      return bundle.manifest().manifest().entityCounts();
    }
  }

  /**
   * Backs up a database ({@code database = postgres}). The native dump (on the snapshot's
   * connection, compressed into the bundle as it is read) and the declarative export (on a
   * connection of its own that adopts the same snapshot) run at the same time.
   *
   * @param prefix the node's prefix, or null
   * @throws BackupException when the bundle cannot be written (nothing then looks like a finished bundle)
   * @throws DumpException when the database cannot be read or dumped
   */
  public Result fromDatabase(Database db, Path prefix, BackupOptions options) {
    long started = nanos.getAsLong();
    options.progress().accept("Opening a snapshot of " + db);
    Path scratch = null;
    ExecutorService dumper = Executors.newSingleThreadExecutor(BackupCreate::daemon);
    Future<DumpInfo> dumping = null;
    try (DatabaseSnapshot snapshot = DatabaseSnapshot.open(db, registry);
         BundleWriter writer = BundleWriter.start(options.backupDir(), clock.instant(), options.secret(), options.archive())) {
      List<String> notes = new ArrayList<>();
      if (options.dumpMethod() == null) {
        notes.add("no database dump (--no-native): restore with --mode declarative");
      } else {
        scratch = options.backupDir().toAbsolutePath().resolve("." + writer.name() + ".dump" + Layout.PARTIAL);
        dumping = dumper.submit(dump(snapshot, writer, scratch, options));
      }
      Map<String, Integer> counts = null;
      if (options.declarative()) {
        options.progress().accept("Exporting the declarative configuration");
        counts = storeExport(writer, snapshot);
      } else {
        notes.add("no declarative export (--no-declarative); entity counts are the dump's rows per table");
      }
      DumpInfo dump = await(dumping, true);
      if (counts == null) {
        counts = dump == null ? Map.of() : fromRows(dump.rows());
      }
      storeKeyringAndPrefix(writer, prefix, notes);
      DumpDetails details = dump == null ? null : new DumpDetails(dump.method(), dump.tool(), dump.fallbackReason(), dump.rows());
      return finish(writer, new BundleFacts("postgres", snapshot.schemaLevel(), snapshot.serverVersion(), details, counts,
          PrefixFiles.nodeId(prefix).orElse(null), notes), started, options);
    } finally {
      await(dumping, false);
      dumper.shutdown();
      deleteScratch(scratch, options);
    }
  }

  /**
   * Backs up a DB-less node ({@code database = off}): its declarative file, keyring and prefix.
   *
   * @param declarativeConfig the {@code declarative_config} file, or null when the node has none
   * @param prefix the node's prefix, or null
   * @throws BackupException when the file is invalid or the bundle cannot be written
   */
  public Result dbless(Path declarativeConfig, Path prefix, BackupOptions options) {
    long started = nanos.getAsLong();
    List<String> notes = new ArrayList<>();
    Config config;
    if (declarativeConfig == null) {
      config = Config.empty(registry);
      notes.add("DB-less node without declarative_config: the declarative section is empty");
    } else {
      options.progress().accept("Reading " + declarativeConfig);
      try {
        config = DbImport.read(declarativeConfig, registry).config();
      } catch (RuntimeException e) {
        throw new BackupException("cannot back up declarative_config " + declarativeConfig + ": " + e.getMessage(), e);
      }
    }
    try (BundleWriter writer = BundleWriter.start(options.backupDir(), clock.instant(), options.secret(), options.archive())) {
      storeDeclarative(writer, config);
      storeKeyringAndPrefix(writer, prefix, notes);
      return finish(writer, new BundleFacts("off", null, null, null, config.counts(), PrefixFiles.nodeId(prefix).orElse(null),
          notes), started, options);
    }
  }

  /** The dump, written into the bundle's {@code database} section as it is read. */
  private static Callable<DumpInfo> dump(DatabaseSnapshot snapshot, BundleWriter writer, Path scratch,
      BackupOptions options) {
    String method = options.dumpMethod().name().toLowerCase(Locale.ROOT);
    options.progress().accept("Dumping the database (" + method + ")" + (options.secret() == null ? "" : ", encrypted"));
    return () -> snapshot.dump((relative, content) -> writer.add("database", relative, content::writeTo), scratch,
        options.dumpMethod(), options.jobs(), options.notices());
  }

  /** Streams the declarative export into the bundle; returns its entity counts. */
  private static Map<String, Integer> storeExport(BundleWriter writer, DatabaseSnapshot snapshot) {
    List<Map<String, Integer>> counts = new ArrayList<>(1);
    writer.add("declarative", DECLARATIVE_FILE, out -> counts.add(snapshot.export(out)));
    return counts.get(0);
  }

  /**
   * Waits for the dump.
   *
   * @param rethrow whether its failure is thrown (else only waited for, so the scratch dump and
   *     the bundle are not deleted under it)
   * @return what it dumped, or null when there is no dump or {@code rethrow} is false and it failed
   */
  private static DumpInfo await(Future<DumpInfo> dumping, boolean rethrow) {
    if (dumping == null) {
      return null;
    }
    try {
      return dumping.get();
    } catch (ExecutionException e) {
      if (rethrow) {
        throw e.getCause() instanceof RuntimeException r ? r : new BackupException(e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (rethrow) {
        throw new BackupException("interrupted while dumping the database", e);
      }
    }
    return null;
  }

  private static void deleteScratch(Path scratch, BackupOptions options) {
    if (scratch == null) {
      return;
    }
    try {
      Durable.delete(scratch);
    } catch (IOException e) {
      options.notices().accept("could not delete the scratch dump " + scratch + ": " + e.getMessage());
    }
  }

  private static Thread daemon(Runnable task) {
    Thread t = new Thread(task, "backup-dump");
    t.setDaemon(true);
    return t;
  }

  private static void storeDeclarative(BundleWriter writer, Config config) {
    writer.add("declarative", DECLARATIVE_FILE, out -> DeclarativeWriter.write(config, DeclarativeReader.Syntax.JSON, out));
  }

  private static void storeKeyringAndPrefix(BundleWriter writer, Path prefix, List<String> notes) {
    writer.add("keyring", KEYRING_FILE, out -> out.write("[]\n".getBytes(StandardCharsets.UTF_8)));
    notes.add("keyring: empty (Silverback has no field encryption yet)");
    notes.addAll(PrefixFiles.store(prefix, writer));
  }

  private Result finish(BundleWriter writer, BundleFacts facts, long started, BackupOptions options) {
    options.progress().accept("Writing the manifest");
    BundleWriter.Written written = writer.finish(facts);
    return new Result(written, Duration.ofNanos(nanos.getAsLong() - started));
  }

  private static Map<String, Integer> fromRows(Map<String, Long> rows) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    rows.forEach((table, n) -> counts.put(table, Math.toIntExact(n)));
    return counts;
  }
}
