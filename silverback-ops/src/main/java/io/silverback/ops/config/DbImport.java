package io.silverback.ops.config;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigException;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.ImportSummary;
import io.silverback.store.StoreException;
import io.silverback.store.pg.PostgresStore;
import java.nio.file.Path;

/**
 * {@code config db_import}: the whole file is validated before the database is touched, then
 * upserted in one transaction. Unlike Kong's, which writes entity by entity and stops at the first
 * error with the earlier ones written, a failed import changes nothing.
 *
 * <p>Files exported by {@link DbExport} say {@code _transform: false}, so password hashes in them
 * are stored as they are and never hashed twice.
 */
public final class DbImport {
  private DbImport() {}

  /**
   * What an import did or, for a dry run, would do.
   *
   * @param config the entities of the file
   * @param summary created, updated and (never, for an import) deleted counts per type
   * @param dryRun whether the transaction was rolled back
   */
  public record Result(Config config, ImportSummary summary, boolean dryRun) {
    /** Entities of the file that were already stored exactly so. */
    public int unchanged() {
      return config.size() - summary.totalCreated() - summary.totalUpdated();
    }
  }

  /**
   * Reads and validates a declarative file.
   *
   * @throws DeclarativeConfigException with Kong's error report when the file is invalid
   */
  public static DeclarativeConfig read(Path file, EntityRegistry registry) {
    return DeclarativeConfigParser.of(registry).parseFile(file).orThrow();
  }

  /**
   * Writes {@code config} in one transaction, or with {@code dryRun} works out what would change
   * and rolls back.
   *
   * @throws StoreException naming the entity type and the key that violated a rule; nothing is written
   */
  public static Result apply(PostgresStore store, Config config, boolean dryRun) {
    ImportSummary summary = dryRun ? store.dryRun(config, false) : store.loadAll(config);
    return new Result(config, summary, dryRun);
  }
}
