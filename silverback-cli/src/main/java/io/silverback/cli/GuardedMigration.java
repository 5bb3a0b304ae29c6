package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.BackupCreate;
import io.silverback.ops.backup.BackupDirectory;
import io.silverback.ops.backup.BackupOptions;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.Secret;
import io.silverback.ops.guard.MigrationGuard;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The migration guard of {@code migrations up} and {@code finish}: a migration runs only after a
 * verified backup of the current data exists ({@link MigrationGuard}), or {@code --backup auto}
 * took and verified one, or {@code --force} says to go on without. What made it safe is recorded
 * in the migration history's {@code installed_by} column: {@code backup <bundle name>}, or
 * {@code forced, no backup}.
 */
final class GuardedMigration {
  static final String FORCED = "forced, no backup";

  private GuardedMigration() {}

  /**
   * Decides whether the pending migrations may run.
   *
   * @param auto whether to take (and verify) a backup first
   * @param say where progress and explanations go
   * @return what to record with the migrations, or empty when refused (the reason was said)
   */
  static Optional<String> check(NodeConf conf, Database db, Migrations m, boolean auto, boolean force,
      Consumer<String> say, Consumer<String> complain) {
    if (force) {
      complain.accept("WARNING: migrating without a verified backup (--force); migrations cannot be undone");
      return Optional.of(FORCED);
    }
    EntityRegistry registry = EntityRegistry.standard();
    Path backupDir = BackupDir.of(conf);
    if (auto) {
      return Optional.of(autoBackup(conf, db, backupDir, say));
    }
    MigrationGuard guard = new MigrationGuard(registry);
    PostgresStore store = new PostgresStore(db.dataSource(), registry, db.schema(), Clock.systemUTC());
    MigrationGuard.DataState now = guard.state(store, m.level().orElseThrow());
    List<String> passedOver = new ArrayList<>();
    Optional<BackupDirectory.Entry> backup = guard.covering(now, backupDir, passedOver::add);
    if (backup.isPresent()) {
      say.accept("Verified backup of the current data: " + backup.get().path());
      return Optional.of("backup " + backup.get().path().getFileName());
    }
    complain.accept(refusal(db, backupDir, now, passedOver));
    return Optional.empty();
  }

  /**
   * {@code --backup auto}: takes a bundle, encrypted with the configured secret ({@link
   * ConfiguredSecret}) when there is one, and verifies it (with the secret: every chunk's tag too).
   */
  private static String autoBackup(NodeConf conf, Database db, Path backupDir, Consumer<String> say) {
    Secret secret = ConfiguredSecret.of(conf, System.getenv()).orElse(null);
    try {
      say.accept("Taking a backup before migrating (--backup auto) into " + backupDir
          + (secret == null ? "" : ", encrypted with the configured " + (secret.keyFile() != null
              ? ConfiguredSecret.KEY_FILE + " " + secret.keyFile() : "passphrase (" + ConfiguredSecret.PASSPHRASE_ENV + ")")));
      BackupCreate.Result r = new BackupCreate(EntityRegistry.standard(), Clock.systemUTC(), System::nanoTime)
          .fromDatabase(db, conf.prefix(), BackupOptions.into(backupDir).withSecret(secret).withProgress(say).withNotices(say));
      Path bundle = r.bundle().path();
      try (Bundle b = Bundle.open(bundle, secret)) {
        b.verify();
      }
      say.accept("Backup " + bundle + " verified");
      return "backup " + bundle.getFileName();
    } finally {
      if (secret != null) {
        secret.destroy();
      }
    }
  }

  private static String refusal(Database db, Path backupDir, MigrationGuard.DataState now, List<String> passedOver) {
    StringBuilder sb = new StringBuilder("Error: refusing to migrate ").append(db.settings().describe())
        .append(": no verified backup in ").append(backupDir).append(" holds the current data (schema level ")
        .append(now.schemaLevel()).append(", ").append(now.counts()).append(now.lastChange()
            .map(t -> ", last change " + t).orElse("")).append(").\n");
    passedOver.forEach(p -> sb.append("  passed over ").append(p).append('\n'));
    return sb.append("Migrations cannot be undone. Run 'silverback backup create' first, or pass --backup auto to")
        .append(" take and verify one now, or --force to migrate without a backup.").toString();
  }
}
