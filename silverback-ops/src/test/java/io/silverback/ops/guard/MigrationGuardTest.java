package io.silverback.ops.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupDirectory;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.ops.restore.TestBundles;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MigrationGuardTest {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  static final Clock PAST = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  Path dir;
  Database db;
  PostgresStore store;
  final MigrationGuard guard = new MigrationGuard(REGISTRY);
  final List<String> notices = new ArrayList<>();

  @BeforeEach
  void open() {
    db = Database.open(DB.conf());
    new Migrations(db.dataSource(), db.schema()).reset();
    new Migrations(db.dataSource(), db.schema()).bootstrap();
    store = new PostgresStore(db.dataSource(), REGISTRY, db.schema(), PAST);
    store.insert("consumers", Json.MAPPER.createObjectNode().put("username", "alice"));
    store.insert("consumers", Json.MAPPER.createObjectNode().put("username", "bob"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void findsNoBackupInAnEmptyDirectory() {
    assertThat(covering()).isEmpty();
  }

  @Test
  void acceptsAVerifiedBackupOfTheCurrentData() {
    Path bundle = TestBundles.of(db, REGISTRY, DumpMethod.BUILTIN, dir);
    assertThat(covering()).map(BackupDirectory.Entry::path).contains(bundle);
  }

  @Test
  void passesOverABackupThatNoLongerHoldsTheDataAfterADeletion() {
    TestBundles.of(db, REGISTRY, DumpMethod.BUILTIN, dir);
    store.delete("consumers", store.find("consumers", "bob").orElseThrow().id());
    assertThat(covering()).isEmpty();
    assertThat(notices).singleElement().asString().contains("holds {consumers=2} entities, the database {consumers=1}");
  }

  @Test
  void passesOverABackupTakenBeforeTheLastChange() {
    TestBundles.of(db, REGISTRY, DumpMethod.BUILTIN, dir);
    PostgresStore later = new PostgresStore(db.dataSource(), REGISTRY, db.schema(),
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)));
    later.update("consumers", store.find("consumers", "bob").orElseThrow().id(),
        Json.MAPPER.createObjectNode().put("custom_id", "b-1"));
    assertThat(covering()).isEmpty();
    assertThat(notices).singleElement().asString().contains("before the last change");
  }

  @Test
  void passesOverABackupThatFailsVerification() throws IOException {
    Path bundle = TestBundles.of(db, REGISTRY, DumpMethod.BUILTIN, dir);
    Path stored = bundle.resolve("declarative/kong.json.zst");
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length - 3] ^= 4;
    Files.write(stored, bytes);
    assertThat(covering()).isEmpty();
    assertThat(notices).singleElement().asString().contains("fails verification").contains("declarative/kong.json.zst");
  }

  private Optional<BackupDirectory.Entry> covering() {
    return guard.covering(guard.state(store, "1"), dir, notices::add);
  }
}
