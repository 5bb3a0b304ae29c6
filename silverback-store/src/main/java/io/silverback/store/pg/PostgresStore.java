package io.silverback.store.pg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.StoredRecord;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.ClusterEvents;
import io.silverback.store.ImportSummary;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.Store;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The store of {@code database = postgres}: one table per entity type (see
 * {@code db/migration}), single writes validated by the schema engine and checked again by the
 * database's constraints, bulk loads through COPY in one transaction, dumps through COPY from one
 * snapshot, and a LISTEN/NOTIFY change feed shared by every node on the database, which also
 * carries the nodes' {@link ClusterEvents}.
 *
 * <p>The schema must have been migrated ({@link Migrations}); the data source belongs to the caller.
 */
public final class PostgresStore implements Store {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Serializes bulk loads of one database: two imports at once would deadlock on each other's rows. */
  private static final long BULK_LOCK = 0x5176_6572_6261_636BL;

  private final DataSource dataSource;
  private final EntityRegistry registry;
  private final Tables tables;
  private final SqlErrors errors;
  private final ChangeFeed feed;
  private final EntityWrites writes;

  /**
   * @param dataSource connections to the migrated database
   * @param registry the entity schemas
   * @param schema the PostgreSQL schema the tables live in (names the change-feed channel)
   * @param clock the clock of auto timestamps
   */
  public PostgresStore(DataSource dataSource, EntityRegistry registry, String schema, Clock clock) {
    this.dataSource = dataSource;
    this.registry = registry;
    this.tables = new Tables(registry);
    this.errors = new SqlErrors(tables);
    this.feed = new ChangeFeed(this::connection, channel(schema), eventsChannel(schema));
    this.writes = new EntityWrites(feed, clock);
  }

  public PostgresStore(DataSource dataSource, EntityRegistry registry) {
    this(dataSource, registry, "public", Clock.systemUTC());
  }

  @Override
  public EntityRegistry registry() {
    return registry;
  }

  @Override
  public String strategy() {
    return "postgres";
  }

  @Override
  public Optional<Entity> select(String type, String id) {
    Table t = tables.of(type);
    if (!validKey(t, id)) {
      return Optional.empty();
    }
    return selectWhere(t, Table.quote(t.primaryKey()) + " = CAST(? AS " + t.keyType() + ")", id);
  }

  @Override
  public Optional<Entity> find(String type, String idOrKey) {
    Table t = tables.of(type);
    if (validKey(t, idOrKey)) {
      return select(type, idOrKey);
    }
    Optional<String> key = t.schema().endpointKey();
    if (key.isEmpty() || !t.unique().contains(key.get())) {
      return Optional.empty();
    }
    return selectWhere(t, Table.quote(key.get()) + " = ?", idOrKey);
  }

  @Override
  public Page page(String type, PageRequest request) {
    return read(type, "listing " + type, c -> new PageQuery(tables.of(type), request).run(c));
  }

  @Override
  public Page tags(Optional<String> tag, PageRequest request) {
    return read(null, "listing tags", c -> new TagQuery(tables, tag, request).run(c));
  }

  @Override
  public Optional<Entity> selectByUnique(String type, String field, String value) {
    Table t = tables.of(type);
    if (!t.unique().contains(field)) {
      throw StoreErrors.invalidOptions(field, "not a unique field of '" + type + "'");
    }
    return selectWhere(t, Table.quote(field) + " = ?", value);
  }

  @Override
  public long count(String type) {
    Table t = tables.of(type);
    return read(type, "counting " + type, c -> {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.name() + " WHERE " + liveCondition(t))) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public Entity insert(String type, ObjectNode input) {
    Entity e = writes.prepareInsert(tables.of(type), input);
    return write(type, "creating " + type, c -> writes.insert(c, tables.of(type), e));
  }

  @Override
  public Entity update(String type, String id, ObjectNode patch) {
    Table t = tables.of(type);
    return write(type, "updating " + type + " " + id, c -> writes.update(c, t, id, patch));
  }

  @Override
  public Entity upsert(String type, String id, ObjectNode input) {
    Table t = tables.of(type);
    return write(type, "upserting " + type + " " + id, c -> writes.upsert(c, t, id, input));
  }

  @Override
  public boolean delete(String type, String id) {
    Table t = tables.of(type);
    if (!validKey(t, id)) {
      return false;
    }
    return write(type, "deleting " + type + " " + id, c -> writes.delete(c, t, id));
  }

  @Override
  public ImportSummary loadAll(Config config) {
    return bulk(config, false, false);
  }

  @Override
  public ImportSummary replaceAll(Config config) {
    return bulk(config, true, false);
  }

  /**
   * What {@link #loadAll} ({@code replace} false) or {@link #replaceAll} would do: the same work
   * in a transaction that is rolled back, so constraint violations are found too.
   */
  public ImportSummary dryRun(Config config, boolean replace) {
    return bulk(config, replace, true);
  }

  @Override
  public Config export() {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Config config = new SnapshotReader(tables, registry).read(c);
        c.commit();
        return config;
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate(e, null, "exporting");
    }
  }

  /**
   * When entities last changed, as far as their {@code created_at} and {@code updated_at} tell:
   * the latest of them over every table (deletions leave no timestamp; compare counts for those).
   *
   * @return empty when no entity carries a timestamp
   */
  public Optional<Instant> lastChange() {
    return read(null, "reading the last change", c -> {
      StringBuilder sql = new StringBuilder("SELECT max(t) FROM (");
      String sep = "";
      for (Table t : tables.ordered()) {
        for (String field : List.of("created_at", "updated_at")) {
          if (t.schema().fields().containsKey(field)) {
            sql.append(sep).append("SELECT max((\"entity\"->>'").append(field).append("')::numeric) AS t FROM ")
                .append(t.name());
            sep = " UNION ALL ";
          }
        }
      }
      if (sep.isEmpty()) {
        return Optional.<Instant>empty();
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.append(") x").toString())) {
        rs.next();
        java.math.BigDecimal seconds = rs.getBigDecimal(1);
        return seconds == null ? Optional.<Instant>empty()
            : Optional.of(Instant.ofEpochMilli(seconds.movePointRight(3).longValue()));
      }
    });
  }

  /**
   * Reads every live entity over {@code connection}, inside the caller's transaction: a backup
   * opens one repeatable-read snapshot and exports from it what it also dumps.
   *
   * @param connection a connection whose search path reaches the store's tables
   * @throws SQLException when a table cannot be read
   */
  public static Config exportOver(Connection connection, EntityRegistry registry) throws SQLException {
    return new SnapshotReader(new Tables(registry), registry).read(connection);
  }

  /**
   * As {@link #exportOver(Connection, EntityRegistry)}, handing each entity to {@code sink} as it is
   * read (type by type in dependency order, by primary key within a type) instead of collecting them.
   *
   * @param connection a connection whose search path reaches the store's tables
   * @throws SQLException when a table cannot be read
   */
  public static void exportOver(Connection connection, EntityRegistry registry, BiConsumer<EntitySchema, ObjectNode> sink)
      throws SQLException {
    new SnapshotReader(new Tables(registry), registry).read(connection, sink);
  }

  /**
   * As {@link #exportOver(Connection, EntityRegistry, BiConsumer)}, handing each entity's JSON as
   * stored, indexed but not parsed ({@link StoredRecord}), for a writer that copies its bytes.
   *
   * @param connection a connection whose search path reaches the store's tables
   * @throws SQLException when a table cannot be read or a row is not a JSON object
   */
  public static void exportStoredOver(Connection connection, EntityRegistry registry,
      BiConsumer<EntitySchema, StoredRecord> sink) throws SQLException {
    new SnapshotReader(new Tables(registry), registry).readStored(connection, sink);
  }

  /**
   * Sends a {@link StoreEvent#reload()} on the change feed of {@code schema} from inside the
   * caller's transaction, for writers that bypass the store (a restore that swaps the schema).
   *
   * @throws SQLException when the notification cannot be queued
   */
  public static void notifyReload(Connection connection, String schema) throws SQLException {
    ChangeFeed.notify(connection, channel(schema), StoreEvent.reload());
  }

  /** The change feed's channel: {@code silverback_<schema>}, shortened for long schema names ({@link Identifiers}). */
  static String channel(String schema) {
    return Identifiers.derived("silverback_", schema, "");
  }

  /**
   * The cluster events of the nodes on this database and schema, sent and heard as node
   * {@code nodeId}: its own broadcasts are not handed back to it.
   */
  public ClusterEvents clusterEvents(String nodeId) {
    return new PostgresClusterEvents(this::connection, feed, nodeId, errors);
  }

  /**
   * The cluster events' channel: {@code silverback-events_<schema>}, shortened as {@link #channel}; its
   * prefix is not the change feed's, so no schema's events channel is another schema's change feed.
   */
  static String eventsChannel(String schema) {
    return Identifiers.derived("silverback-events_", schema, "");
  }

  @Override
  public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
    return feed.subscribe(listener);
  }

  @Override
  public void close() {
    feed.close();
  }

  /** The filter that hides expired entities (those with a ttl in the past). */
  static String liveCondition(Table t) {
    return t.schema().ttl() ? "(\"ttl\" IS NULL OR \"ttl\" > now())" : "TRUE";
  }

  private ImportSummary bulk(Config config, boolean replace, boolean dryRun) {
    String what = replace ? "replacing the configuration" : "importing the configuration";
    return transaction(null, what, !dryRun, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, BULK_LOCK);
        ps.execute();
      }
      ImportSummary summary = new BulkWriter(c, tables).write(config, replace);
      if (dryRun) {
        try (Statement st = c.createStatement()) {
          st.execute("SET CONSTRAINTS ALL IMMEDIATE");
        }
      } else {
        feed.notify(c, StoreEvent.reload());
      }
      return summary;
    });
  }

  private Optional<Entity> selectWhere(Table t, String condition, String value) {
    return read(t.type(), "reading " + t.type(), c -> {
      String sql = "SELECT \"entity\" FROM " + t.name() + " WHERE " + condition + " AND " + liveCondition(t);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, value);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Rows.entity(t, rs.getString(1))) : Optional.empty();
        }
      }
    });
  }

  static boolean validKey(Table t, String key) {
    return key != null && (!t.keyType().equals("uuid") || isUuid(key));
  }

  static boolean isUuid(String s) {
    return s != null && UUID.matcher(s).matches();
  }

  /** Work on one connection; SQL errors become Kong errors. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String type, String what, SqlWork<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw errors.translate(e, type, what);
    }
  }

  private <T> T write(String type, String what, SqlWork<T> work) {
    return transaction(type, what, true, work);
  }

  /** Runs {@code work} in one transaction, committed when {@code commit} (else rolled back: a dry run). */
  private <T> T transaction(String type, String what, boolean commit, SqlWork<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw errors.translate(e, type, what);
    }
  }

  private Connection connection() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw errors.translate(e, null, "connecting");
    }
  }
}
