package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.time.Clock;

/**
 * The PostgreSQL store of a command that reads or writes entities, opened only after checking
 * that the schema is migrated (as Kong refuses to work on a database that needs bootstrapping).
 */
final class StoreSession implements AutoCloseable {
  private final Database database;
  private final PostgresStore store;

  private StoreSession(Database database, PostgresStore store) {
    this.database = database;
    this.store = store;
  }

  /**
   * Opens the configured database (starting the embedded one when no {@code pg_host} is set).
   *
   * @throws IllegalStateException when {@code database = off}
   */
  static StoreSession open(NodeConf conf, String command) {
    if ("off".equals(conf.get("database"))) {
      throw new IllegalStateException("'silverback " + command + "' only works with a database (database = off, from "
          + conf.source("database") + ").");
    }
    Database db = Database.open(conf);
    try {
      new Migrations(db.dataSource(), db.schema()).requireUpToDate();
      return new StoreSession(db, new PostgresStore(db.dataSource(), EntityRegistry.standard(), db.schema(), Clock.systemUTC()));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  PostgresStore store() {
    return store;
  }

  Database database() {
    return database;
  }

  @Override
  public void close() {
    store.close();
    database.close();
  }
}
