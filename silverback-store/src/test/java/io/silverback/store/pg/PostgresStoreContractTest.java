package io.silverback.store.pg;

import io.silverback.core.config.Config;
import io.silverback.store.Store;
import io.silverback.store.StoreContractTest;
import io.silverback.store.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read contract every store keeps, on PostgreSQL: the config is written with replaceAll. */
class PostgresStoreContractTest extends StoreContractTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @Override
  protected Store storeHolding(Config config) {
    new Migrations(DB.dataSource(), "public").bootstrap();
    PostgresStore store = new PostgresStore(DB.dataSource(), config.registry());
    store.replaceAll(config);
    return store;
  }
}
