package io.silverback.gateway.node;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.admin.ConfigEndpoint;
import io.silverback.store.ClusterEvents;
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
  private final Optional<PostgresStore> shared;

  private NodeStore(Store store, Optional<Database> database, Optional<ConfigEndpoint> config,
      Optional<PostgresStore> shared) {
    this.store = store;
    this.database = database;
    this.config = config;
    this.shared = shared;
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
      return new NodeStore(memory, Optional.empty(), Optional.of(endpoint), Optional.empty());
    }
    Database db = Database.open(conf);
    try {
      new Migrations(db.dataSource(), db.schema()).requireUpToDate();
      PostgresStore store = new PostgresStore(db.dataSource(), registry, db.schema(), Clock.systemUTC());
      return readOnly ? new NodeStore(new ReadOnlyStore(store), Optional.of(db), Optional.empty(), Optional.empty())
          : new NodeStore(store, Optional.of(db), Optional.empty(), Optional.of(store));
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

  /**
   * The cluster events of the nodes on the database, sent and heard as node {@code nodeId}; empty
   * for a DB-less node (no one to tell) and a read-only one (it must not touch its database).
   */
  Optional<ClusterEvents> clusterEvents(String nodeId) {
    return shared.map(s -> s.clusterEvents(nodeId));
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
