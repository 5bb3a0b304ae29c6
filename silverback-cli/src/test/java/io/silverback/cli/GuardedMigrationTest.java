package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupDirectory;
import io.silverback.ops.backup.Bundle;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.NextRelease;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The migration guard of {@code migrations up}/{@code finish}, with a later release's migration pending. */
class GuardedMigrationTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  Path backups;
  final List<String> said = new ArrayList<>();
  final List<String> complaints = new ArrayList<>();
  NodeConf conf;
  Database db;
  Migrations next;

  @BeforeEach
  void levelOneWithData() {
    conf = DB.conf(Map.of("backup_dir", backups.toString()));
    db = Database.open(conf);
    new Migrations(db.dataSource(), db.schema()).reset();
    new Migrations(db.dataSource(), db.schema()).bootstrap();
    Clock past = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    new PostgresStore(db.dataSource(), EntityRegistry.standard(), db.schema(), past)
        .insert("consumers", Json.MAPPER.createObjectNode().put("username", "alice"));
    next = NextRelease.migrations(db.dataSource(), db.schema());
    assertThat(next.state().pending()).containsExactly("V2__next_release_column");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void refusesWithoutAVerifiedBackupAndSaysHowToProceed() {
    assertThat(check(false, false)).isEmpty();
    assertThat(complaints).singleElement().asString()
        .startsWith("Error: refusing to migrate")
        .contains("no verified backup in " + BackupDir.of(conf))
        .endsWith("Run 'silverback backup create' first, or pass --backup auto to take and verify one now,"
            + " or --force to migrate without a backup.");
    assertThat(next.state().pending()).containsExactly("V2__next_release_column");
  }

  @Test
  void backupAutoTakesAndVerifiesOneAndTheMigrationRecordsIt() {
    Optional<String> record = check(true, false);
    List<BackupDirectory.Entry> bundles = new BackupDirectory(BackupDir.of(conf)).list().complete();
    assertThat(bundles).hasSize(1);
    String name = bundles.get(0).path().getFileName().toString();
    assertThat(record).contains("backup " + name);
    next.up(record.get());
    assertThat(next.installedBy()).containsEntry("V2__next_release_column", "backup " + name);
    assertThat(complaints).isEmpty();
  }

  @Test
  void backupAutoEncryptsWithTheConfiguredKeyFileAndSaysSoWithoutTheKey() throws Exception {
    Path key = Files.writeString(backups.resolve("backup.key"), "ab".repeat(32));
    conf = DB.conf(Map.of("backup_dir", backups.resolve("bundles").toString(), "backup_key_file", key.toString()));

    Optional<String> record = check(true, false);

    List<BackupDirectory.Entry> bundles = new BackupDirectory(BackupDir.of(conf)).list().complete();
    assertThat(bundles).singleElement().satisfies(b -> assertThat(b.manifest().encrypted()).isTrue());
    try (Bundle bundle = Bundle.open(bundles.get(0).path(), null)) {
      assertThat(bundle.manifestFile().encryption().keySource()).isEqualTo("key_file");
    }
    assertThat(record).contains("backup " + bundles.get(0).path().getFileName());
    assertThat(said).anySatisfy(line -> assertThat(line).contains("encrypted with the configured backup_key_file " + key))
        .noneSatisfy(line -> assertThat(line).contains("ab".repeat(32)));
    assertThat(check(false, false)).isPresent();
  }

  @Test
  void aBackupTakenEarlierLetsTheMigrationRunWithoutAnother() {
    check(true, false);
    said.clear();
    Optional<String> record = check(false, false);
    assertThat(record).isPresent();
    assertThat(said).singleElement().asString().startsWith("Verified backup of the current data: ");
    assertThat(new BackupDirectory(BackupDir.of(conf)).list().complete()).hasSize(1);
  }

  @Test
  void forceMigratesWithoutABackupAndWarns() {
    assertThat(check(false, true)).contains(GuardedMigration.FORCED);
    assertThat(complaints).containsExactly(
        "WARNING: migrating without a verified backup (--force); migrations cannot be undone");
  }

  private Optional<String> check(boolean auto, boolean force) {
    return GuardedMigration.check(conf, db, next, auto, force, said::add, complaints::add);
  }
}
