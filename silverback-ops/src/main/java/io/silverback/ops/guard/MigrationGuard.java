package io.silverback.ops.guard;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.ops.backup.BackupDirectory;
import io.silverback.ops.backup.BackupException;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.Manifest;
import io.silverback.store.pg.PostgresStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds the backup that makes a migration safe: the newest complete bundle in the backup directory
 * that was taken at the database's current schema level, in a later second than the last data
 * change (the latest {@code created_at}/{@code updated_at} of any entity, whole seconds as Kong's), holds exactly as many entities
 * of every type as the database does now (deletions leave no timestamp, so they show up here), and
 * passes {@link Bundle#verify()}.
 */
public final class MigrationGuard {
  private final EntityRegistry registry;

  /** A guard over the entity types of {@code registry}. */
  public MigrationGuard(EntityRegistry registry) {
    this.registry = registry;
  }

  /** What the database holds now, to compare bundles against and to explain a refusal. */
  public record DataState(String schemaLevel, Optional<Instant> lastChange, Map<String, Integer> counts) {}

  /** The state of {@code store} at {@code schemaLevel}. */
  public DataState state(PostgresStore store, String schemaLevel) {
    Map<String, Integer> counts = new TreeMap<>();
    for (EntitySchema s : registry.ordered()) {
      long n = store.count(s.name());
      if (n > 0) {
        counts.put(s.name(), Math.toIntExact(n));
      }
    }
    return new DataState(schemaLevel, store.lastChange(), counts);
  }

  /**
   * The newest bundle of {@code backupDir} that holds {@code now}'s data and verifies.
   *
   * @param notices says why each newer candidate was passed over
   * @return empty when there is none: the migration must not run
   */
  public Optional<BackupDirectory.Entry> covering(DataState now, Path backupDir, Consumer<String> notices) {
    for (BackupDirectory.Entry e : new BackupDirectory(backupDir).list().complete()) {
      String mismatch = mismatch(e.manifest(), now);
      if (mismatch != null) {
        notices.accept(e.path().getFileName() + ": " + mismatch);
        continue;
      }
      try (Bundle bundle = Bundle.open(e.path(), null)) {
        bundle.verify();
        return Optional.of(e);
      } catch (BackupException failure) {
        notices.accept(e.path().getFileName() + ": fails verification: " + failure.getMessage());
      }
    }
    return Optional.empty();
  }

  private static String mismatch(Manifest m, DataState now) {
    if (!"postgres".equals(m.mode())) {
      return "a DB-less backup";
    }
    if (!now.schemaLevel().equals(m.schemaLevel())) {
      return "taken at schema level " + m.schemaLevel() + ", the database is at " + now.schemaLevel();
    }
    // Entity timestamps are whole seconds: a change in the bundle's own second may be after it.
    if (now.lastChange().isPresent() && m.createdAt().isBefore(now.lastChange().get().plusSeconds(1))) {
      return "taken at " + m.createdAt() + ", before the last change (" + now.lastChange().get() + ")";
    }
    Map<String, Integer> theirs = new TreeMap<>();
    m.entityCounts().forEach((type, n) -> {
      if (n > 0) {
        theirs.put(type, n);
      }
    });
    if (!theirs.equals(now.counts())) {
      return "holds " + theirs + " entities, the database " + now.counts();
    }
    return null;
  }
}
