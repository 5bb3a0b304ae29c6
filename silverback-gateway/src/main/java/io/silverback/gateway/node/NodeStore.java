package io.silverback.gateway.node;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.admin.ConfigEndpoint;
import io.silverback.store.Store;
import io.silverback.store.memory.MemoryStore;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The store of a node and the database under it: {@link PostgresStore} on a migrated database
 * (Kong refuses to start on one that needs bootstrapping, with the same message), or, with {@code
 * database = off}, a {@link MemoryStore} holding the {@link DeclarativeSource}.
 */
final class NodeStore implements AutoCloseable {
  private final Store store;
  private final Optional<Database> database;
  private final Optional<ConfigEndpoint> config;

  private NodeStore(Store store, Optional<Database> database, Optional<ConfigEndpoint> config) {
    this.store = store;
    this.database = database;
    this.config = config;
  }

  static NodeStore open(NodeConf conf) {
    return open(conf, false);
  }

  /** As {@link #open(NodeConf)}; with {@code readOnly} every write through the store is refused ({@link ReadOnlyStore}). */
  static NodeStore open(NodeConf conf, boolean readOnly) {
    EntityRegistry registry = EntityRegistry.standard();
    if ("off".equals(conf.get("database"))) {
      DeclarativeConfig declarative = DeclarativeSource.load(conf, registry);
      MemoryStore memory = new MemoryStore(Config.empty(registry));
      ConfigEndpoint endpoint = new ConfigEndpoint(memory, DeclarativeConfigParser.of(registry));
      endpoint.load(declarative);
      return new NodeStore(memory, Optional.empty(), Optional.of(endpoint));
    }
    Database db = Database.open(conf);
    try {
      new Migrations(db.dataSource(), db.schema()).requireUpToDate();
      Store store = new PostgresStore(db.dataSource(), registry, db.schema(), Clock.systemUTC());
      return new NodeStore(readOnly ? new ReadOnlyStore(store) : store, Optional.of(db), Optional.empty());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  Store store() {
    return store;
  }

  /** DB-less: the {@code /config} endpoint that holds the config's hash and replaces it. */
  Optional<ConfigEndpoint> config() {
    return config;
  }

  /** {@code postgres (embedded, ...)} or {@code off}, for the start-up line. */
  String describe() {
    return database.map(db -> "postgres " + db.settings().describe() + (db.embedded() ? " (embedded)" : ""))
        .orElse("off (DB-less)");
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      database.ifPresent(Database::close);
    }
  }
}
