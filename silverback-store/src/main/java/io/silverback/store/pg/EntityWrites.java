package io.silverback.store.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.AutoFields;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.schema.SchemaValidator;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Single-entity writes as Kong's DAO does them: validate Admin API input with the schema engine,
 * fill auto fields, run the schema's transformations, write the row, and announce the change on
 * the feed in the same transaction.
 */
final class EntityWrites {
  private final ChangeFeed feed;
  private final Clock clock;

  EntityWrites(ChangeFeed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
  }

  /** Validates and completes a new entity; nothing touches the database yet. */
  Entity prepareInsert(Table t, ObjectNode input) {
    ObjectNode e = input.deepCopy();
    validate(t.schema(), e);
    AutoFields.at(clock).fill(t.schema(), e);
    t.schema().transformations().forEach(x -> x.apply(e));
    return new Entity(t.type(), e.path(t.primaryKey()).asText(), e);
  }

  /** Writes a prepared entity; returns it as stored, so the caller sees exactly what later reads give. */
  Entity insert(Connection c, Table t, Entity e) throws SQLException {
    String sql = "INSERT INTO " + t.name() + " (" + columns(t) + ") VALUES (" + Rows.placeholders(t) + ") RETURNING \"entity\"";
    Entity stored;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(c, ps, t, e, 1);
      stored = returned(t, ps, e);
    }
    feed.notify(c, new StoreEvent(StoreEvent.Operation.CREATE, t.type(), e.id()));
    return stored;
  }

  Entity update(Connection c, Table t, String id, ObjectNode patch) throws SQLException {
    Entity current = lock(c, t, id).orElseThrow(() -> StoreErrors.notFound(t.type(), id));
    ObjectNode changes = patch.deepCopy();
    changes.remove(t.primaryKey());
    ObjectNode merged = merge(t.schema(), current.copy(), changes);
    validate(t.schema(), merged);
    touch(t.schema(), merged);
    Set<String> written = new HashSet<>();
    changes.fieldNames().forEachRemaining(written::add);
    t.schema().transformationsFor(written).forEach(x -> x.apply(merged));
    Entity e = rewrite(c, t, new Entity(t.type(), id, merged));
    feed.notify(c, new StoreEvent(StoreEvent.Operation.UPDATE, t.type(), id));
    return e;
  }

  Entity upsert(Connection c, Table t, String id, ObjectNode input) throws SQLException {
    ObjectNode e = input.deepCopy();
    e.put(t.primaryKey(), id);
    validate(t.schema(), e);
    Optional<Entity> current = lock(c, t, id);
    current.map(x -> x.get("created_at")).filter(JsonNode::isNumber).ifPresent(v -> e.set("created_at", v));
    touch(t.schema(), e);
    AutoFields.at(clock).fill(t.schema(), e);
    t.schema().transformations().forEach(x -> x.apply(e));
    Entity entity = new Entity(t.type(), id, e);
    if (current.isPresent()) {
      Entity stored = rewrite(c, t, entity);
      feed.notify(c, new StoreEvent(StoreEvent.Operation.UPDATE, t.type(), id));
      return stored;
    }
    return insert(c, t, entity);
  }

  boolean delete(Connection c, Table t, String id) throws SQLException {
    String sql = "DELETE FROM " + t.name() + " WHERE " + Table.quote(t.primaryKey()) + " = CAST(? AS " + t.keyType() + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    feed.notify(c, new StoreEvent(StoreEvent.Operation.DELETE, t.type(), id));
    return true;
  }

  private static void validate(EntitySchema schema, ObjectNode e) {
    ErrorTree errors = SchemaValidator.validateEntity(schema, e, SchemaValidator.ForeignMode.OBJECT);
    if (!errors.isEmpty()) {
      throw StoreErrors.schemaViolation(errors);
    }
  }

  /**
   * Kong's update merges record fields at every depth and replaces the rest
   * ({@code Schema:merge_values}). Fields are seen through the entity's subschema, where a
   * plugin's or a vault's {@code config} is a record.
   */
  private static ObjectNode merge(EntitySchema schema, ObjectNode current, ObjectNode changes) {
    RecordSchema sub = schema.subschemaKey().map(current::path).filter(JsonNode::isTextual)
        .flatMap(k -> schema.subschema(k.textValue())).orElse(null);
    mergeRecord(schema.effectiveFields(sub), current, changes);
    return current;
  }

  private static void mergeRecord(Map<String, Field> fields, ObjectNode current, ObjectNode changes) {
    Iterator<Map.Entry<String, JsonNode>> it = changes.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> change = it.next();
      Field f = fields.get(change.getKey());
      JsonNode old = current.get(change.getKey());
      if (f != null && f.type() == FieldType.RECORD && f.record().isPresent() && old instanceof ObjectNode o
          && change.getValue() instanceof ObjectNode n) {
        mergeRecord(f.record().get().fields(), o, n);
      } else {
        current.set(change.getKey(), change.getValue());
      }
    }
  }

  /** Makes {@code updated_at} the current time (auto fields fill only absent values). */
  private void touch(EntitySchema schema, ObjectNode e) {
    if (schema.fields().containsKey("updated_at")) {
      e.remove("updated_at");
      AutoFields.at(clock).fill(schema, e);
    }
  }

  private Optional<Entity> lock(Connection c, Table t, String id) throws SQLException {
    String sql = "SELECT \"entity\" FROM " + t.name() + " WHERE " + Table.quote(t.primaryKey())
        + " = CAST(? AS " + t.keyType() + ") AND " + PostgresStore.liveCondition(t) + " FOR UPDATE";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.entity(t, rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static Entity rewrite(Connection c, Table t, Entity e) throws SQLException {
    String set = t.columns().stream().map(Table::quote).collect(Collectors.joining(", "));
    String sql = "UPDATE " + t.name() + " SET (" + set + ") = (" + Rows.placeholders(t) + ") WHERE "
        + Table.quote(t.primaryKey()) + " = CAST(? AS " + t.keyType() + ") RETURNING \"entity\"";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int next = Rows.bind(c, ps, t, e, 1);
      ps.setString(next, e.id());
      return returned(t, ps, e);
    }
  }

  /** Runs a write of {@code written}; a clash on the cache key is reported with its fields, as Kong does. */
  private static Entity returned(Table t, PreparedStatement ps, Entity written) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return Rows.entity(t, rs.getString(1));
    } catch (PSQLException e) {
      ServerErrorMessage m = e.getServerErrorMessage();
      if ("23505".equals(e.getSQLState()) && m != null && (t.type() + "_cache_key_key").equals(m.getConstraint())) {
        throw StoreErrors.cacheKeyViolation(t.schema().cacheKey(), written.fields()).about(t.type());
      }
      throw e;
    }
  }

  private static String columns(Table t) {
    return t.columns().stream().map(Table::quote).collect(Collectors.joining(", "));
  }
}
