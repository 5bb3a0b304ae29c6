package io.silverback.ops.restore;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.BundleFacts;
import io.silverback.ops.backup.BundleWriter;
import io.silverback.ops.backup.DumpDetails;
import io.silverback.ops.dump.DatabaseSnapshot;
import io.silverback.ops.dump.DumpInfo;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Bundles of a test database, written as {@code backup create} writes them (unencrypted). */
public final class TestBundles {
  private TestBundles() {}

  public static Path of(Database db, EntityRegistry registry, DumpMethod method, Path backupDir) {
    try (DatabaseSnapshot snapshot = DatabaseSnapshot.open(db, registry)) {
      Path dumpDir = Files.createTempDirectory("test-dump-");
      DumpInfo info = snapshot.dump(dumpDir, method, 2, n -> { });
      Config config = snapshot.export();
      try (BundleWriter writer = BundleWriter.start(backupDir, Instant.now(), null, false)) {
        writer.addTree("database", dumpDir);
        writer.add("declarative", "kong.yml", out -> DeclarativeWriter.write(config, DeclarativeReader.Syntax.YAML, out));
        writer.add("keyring", "keyring.json", out -> out.write("[]\n".getBytes()));
        return writer.finish(new BundleFacts("postgres", snapshot.schemaLevel(), snapshot.serverVersion(),
            new DumpDetails(info.method(), info.tool(), info.fallbackReason(), info.rows()), config.counts(), null,
            List.of())).path();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
