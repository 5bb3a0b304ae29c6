package io.silverback.ops.restore;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.BackupCreate;
import io.silverback.ops.backup.BackupOptions;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import java.nio.file.Path;
import java.time.Clock;

/** Unencrypted bundles of a test database, written by {@code backup create}'s own code. */
public final class TestBundles {
  private TestBundles() {}

  /** A bundle of {@code db} in {@code backupDir}, its dump taken by {@code method}. */
  public static Path of(Database db, EntityRegistry registry, DumpMethod method, Path backupDir) {
    return new BackupCreate(registry, Clock.systemUTC(), System::nanoTime)
        .fromDatabase(db, null, BackupOptions.into(backupDir).withDumpMethod(method)).bundle().path();
  }
}
