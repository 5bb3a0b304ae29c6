package io.silverback.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.config.DbExport;
import io.silverback.ops.config.DbImport;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store issue's benchmark: {@code db_import} into an empty database, the same import again,
 * {@code db_export}, against {@code pg_dump} of the same database and against a naive loader
 * that inserts one row per statement in autocommit. Rounds interleave the scenarios (import
 * first in odd rounds, the naive load first in even ones) because the machine is noisy; every
 * scenario gets a fresh database, dropped afterwards.
 *
 * <pre>
 *   generate FILE [SCALE]     the generator's config with fixed key-auth credential ids, so that
 *                             the same file can be imported twice (see {@link ConfigGenerator})
 *   run FILE ROUNDS [EVERY]   the interleaved rounds and a summary line against the targets; the
 *                             naive load writes a 1-in-EVERY sample (default 10, 1 = everything)
 *                             and is extrapolated linearly by entity count
 *   oneshot FILE              one import into a fresh database, then one export, in this JVM
 *                             (for bench/store.sh's cold, whole-process timing)
 * </pre>
 *
 * PostgreSQL is found through PGHOST, PGPORT and PGUSER (default 127.0.0.1:5432, postgres,
 * trust authentication). Prints one JSON line per measurement.
 */
public final class StoreBenchmark {
  private static final double IMPORT_TARGET_S = 10;
  private static final double REIMPORT_TARGET_S = 15;
  private static final double EXPORT_TARGET_S = 3;
  private static final double NAIVE_RATIO_TARGET = 20;

  private final Path file;
  private final Path scratch;
  private final EntityRegistry registry = EntityRegistry.standard();
  private final Map<String, List<Double>> samples = new LinkedHashMap<>();
  private int entities;

  private StoreBenchmark(Path file) {
    this.file = file;
    this.scratch = file.toAbsolutePath().getParent();
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("generate")) {
      ConfigGenerator.write(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 10, true);
      return;
    }
    if (args.length >= 3 && args[0].equals("run")) {
      int every = args.length > 3 ? Integer.parseInt(args[3]) : 10;
      new StoreBenchmark(Path.of(args[1])).run(Integer.parseInt(args[2]), every);
      return;
    }
    if (args.length == 2 && args[0].equals("oneshot")) {
      new StoreBenchmark(Path.of(args[1])).oneshot();
      return;
    }
    System.err.println("usage: StoreBenchmark generate FILE [SCALE] | run FILE ROUNDS [EVERY] | oneshot FILE");
    System.exit(2);
  }

  private void run(int rounds, int every) throws Exception {
    for (int round = 1; round <= rounds; round++) {
      if (round % 2 == 1) {
        importRound(round);
        naiveRound(round, every);
      } else {
        naiveRound(round, every);
        importRound(round);
      }
    }
    summary(rounds);
  }

  private void importRound(int round) throws Exception {
    try (BenchDatabase db = database(); PostgresStore store = new PostgresStore(db.dataSource(), registry)) {
      imports(round, db, store);
      if (round % 2 == 1) {
        export(round, store);
        pgDumps(round, db);
      } else {
        pgDumps(round, db);
        export(round, store);
      }
    }
  }

  /** Import into the empty database, then again; the configs are garbage when this returns. */
  private void imports(int round, BenchDatabase db, PostgresStore store) {
    Stopwatch boot = Stopwatch.start();
    new Migrations(db.dataSource(), "public").bootstrap();
    double bootstrap = boot.seconds();
    Stopwatch total = Stopwatch.start();
    DeclarativeConfig read = DbImport.read(file, registry);
    double readS = total.seconds();
    Stopwatch apply = Stopwatch.start();
    DbImport.Result result = DbImport.apply(store, read.config(), false);
    double applyS = apply.seconds();
    entities = read.config().size();
    record("import_read_s", readS);
    record("import_apply_s", applyS);
    record("import_total_s", readS + applyS);
    counts(Report.of("import_empty"), round, result).put("bootstrap_s", bootstrap).put("read_s", readS)
        .put("apply_s", applyS).put("total_s", readS + applyS).put("gc_s", total.gcSeconds()).print();
    reimport(round, store, read.config());
  }

  /** The same import again: the Config still in memory, then the file read anew (a second db_import). */
  private void reimport(int round, PostgresStore store, Config config) {
    Stopwatch same = Stopwatch.start();
    DbImport.Result unchanged = DbImport.apply(store, config, false);
    double sameS = same.seconds();
    record("reimport_same_apply_s", sameS);
    counts(Report.of("reimport"), round, unchanged).put("source", "same_config").put("apply_s", sameS)
        .put("gc_s", same.gcSeconds()).print();
    Stopwatch total = Stopwatch.start();
    DeclarativeConfig again = DbImport.read(file, registry);
    double readS = total.seconds();
    Stopwatch apply = Stopwatch.start();
    DbImport.Result reread = DbImport.apply(store, again.config(), false);
    double applyS = apply.seconds();
    record("reimport_unchanged_total_s", readS + applyS);
    counts(Report.of("reimport"), round, reread).put("source", "file_read_again").put("read_s", readS)
        .put("apply_s", applyS).put("total_s", readS + applyS).put("gc_s", total.gcSeconds()).print();
    Config changed = everyEntityChanged(again.config());
    Stopwatch update = Stopwatch.start();
    DbImport.Result updated = DbImport.apply(store, changed, false);
    double updateS = update.seconds();
    record("reimport_total_s", readS + updateS);
    record("reimport_apply_s", updateS);
    counts(Report.of("reimport"), round, updated).put("source", "file_read_again_every_entity_changed")
        .put("read_s", readS).put("apply_s", updateS).put("total_s", readS + updateS).put("gc_s", update.gcSeconds()).print();
  }

  /** The same entities with one more tag each: a re-import in which every row is an update. */
  private static Config everyEntityChanged(Config config) {
    Config.Builder b = Config.builder(config.registry());
    for (var schema : config.registry().ordered()) {
      for (Entity e : config.all(schema.name())) {
        ObjectNode fields = e.copy();
        if (schema.fields().containsKey("tags")) {
          fields.putArray("tags").add("bench-v2");
        }
        b.put(new Entity(e.type(), e.id(), fields));
      }
    }
    return b.build();
  }

  /** db_export to YAML (the target), then the snapshot alone and a JSON export, to split the cost. */
  private void export(int round, PostgresStore store) throws Exception {
    Path yaml = Files.createTempFile(scratch, "db_export-", ".yaml");
    Path json = Files.createTempFile(scratch, "db_export-", ".json");
    try {
      Stopwatch t0 = Stopwatch.start();
      int exported = DbExport.toFile(store, yaml, true).size();
      double total = t0.seconds();
      double gc = t0.gcSeconds();
      Stopwatch t1 = Stopwatch.start();
      store.export();
      double snapshot = t1.seconds();
      Stopwatch t2 = Stopwatch.start();
      DbExport.toFile(store, json, true);
      double jsonTotal = t2.seconds();
      record("export_s", total);
      record("export_snapshot_s", snapshot);
      record("export_json_s", jsonTotal);
      Report.of("export").put("round", round).put("entities", exported).put("total_s", total).put("gc_s", gc)
          .put("yaml_bytes", Files.size(yaml)).put("snapshot_only_s", snapshot)
          .put("json_total_s", jsonTotal).put("json_bytes", Files.size(json)).print();
    } finally {
      Files.deleteIfExists(yaml);
      Files.deleteIfExists(json);
    }
  }

  private void pgDumps(int round, BenchDatabase db) throws Exception {
    for (String format : List.of("c", "p")) {
      PgDump.Run run = PgDump.dump(db, format, scratch);
      record("pg_dump_" + format + "_s", run.seconds());
      Report.of("pg_dump").put("round", round).put("format", format.equals("c") ? "custom" : "plain")
          .put("s", run.seconds()).put("bytes", run.bytes()).print();
    }
  }

  private void naiveRound(int round, int every) throws Exception {
    Config config = DbImport.read(file, registry).config();
    Config sample = every == 1 ? config : ConfigSample.of(config, every);
    try (BenchDatabase db = database()) {
      new Migrations(db.dataSource(), "public").bootstrap();
      db.dataSource().close();
      try (Connection c = db.connect()) {
        c.setAutoCommit(true);
        Stopwatch t = Stopwatch.start();
        int rows = new NaiveInserter(c).insertAll(sample);
        double s = t.seconds();
        double full = s * config.size() / rows;
        record("naive_full_s", full);
        Report.of("naive").put("round", round).put("rows", rows).put("of_entities", config.size())
            .put("extrapolated", rows != config.size()).put("s", s).put("ms_per_row", s * 1000 / rows)
            .put("full_s", full).print();
      }
    }
  }

  private void summary(int rounds) {
    double naive = median("naive_full_s");
    double apply = median("import_apply_s");
    Report.of("summary").put("rounds", rounds).put("entities", entities)
        .put("import_total_s", median("import_total_s")).put("import_apply_s", apply)
        .put("import_pass", median("import_total_s") <= IMPORT_TARGET_S)
        .put("reimport_total_s", median("reimport_total_s"))
        .put("reimport_pass", median("reimport_total_s") <= REIMPORT_TARGET_S)
        .put("export_s", median("export_s")).put("export_pass", median("export_s") <= EXPORT_TARGET_S)
        .put("export_snapshot_only_s", median("export_snapshot_s")).put("export_json_s", median("export_json_s"))
        .put("export_over_pg_dump_custom", median("export_s") / median("pg_dump_c_s"))
        .put("export_over_pg_dump_plain", median("export_s") / median("pg_dump_p_s"))
        .put("naive_full_s", naive).put("naive_over_apply", naive / apply)
        .put("naive_over_import_total", naive / median("import_total_s"))
        .put("naive_pass", naive / apply >= NAIVE_RATIO_TARGET)
        .put("medians_of", "rounds 1-" + rounds + ", round 1 includes JIT warm-up").print();
  }

  /** One import and one export in a fresh JVM: the cold path a user's one-shot command takes. */
  private void oneshot() throws Exception {
    try (BenchDatabase db = database(); PostgresStore store = new PostgresStore(db.dataSource(), registry)) {
      new Migrations(db.dataSource(), "public").bootstrap();
      Stopwatch t0 = Stopwatch.start();
      DeclarativeConfig read = DbImport.read(file, registry);
      double readS = t0.seconds();
      Stopwatch t1 = Stopwatch.start();
      DbImport.Result result = DbImport.apply(store, read.config(), false);
      double apply = t1.seconds();
      counts(Report.of("oneshot_import"), 1, result).put("read_s", readS).put("apply_s", apply)
          .put("total_s", readS + apply).put("gc_s", t0.gcSeconds()).put("jvm_uptime_s", uptime()).print();
      Path out = Files.createTempFile(scratch, "db_export-", ".yaml");
      Stopwatch t2 = Stopwatch.start();
      Config exported = DbExport.toFile(store, out, true);
      double export = t2.seconds();
      Files.deleteIfExists(out);
      Report.of("oneshot_export").put("entities", exported.size()).put("total_s", export).put("gc_s", t2.gcSeconds())
          .put("jvm_uptime_s", uptime()).print();
    }
  }

  private static Report counts(Report r, int round, DbImport.Result result) {
    return r.put("round", round).put("entities", result.config().size())
        .put("created", result.summary().totalCreated()).put("updated", result.summary().totalUpdated())
        .put("unchanged", result.unchanged());
  }

  private static BenchDatabase database() throws Exception {
    String port = System.getenv().getOrDefault("PGPORT", "5432");
    return BenchDatabase.create(System.getenv().getOrDefault("PGHOST", "127.0.0.1"), Integer.parseInt(port),
        System.getenv().getOrDefault("PGUSER", "postgres"));
  }

  private static double uptime() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
  }

  private void record(String key, double value) {
    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private double median(String key) {
    return Report.median(samples.getOrDefault(key, List.of(Double.NaN)));
  }
}
