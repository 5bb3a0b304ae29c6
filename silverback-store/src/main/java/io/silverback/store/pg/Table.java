package io.silverback.store.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one entity type is laid out in PostgreSQL (see {@code db/migration/V1__entities.sql}): the
 * primary key, a {@code <field>_id} column per foreign key, a column per unique field, a
 * {@code cache_key} column where Kong makes the cache key unique, {@code ttl} for expiring
 * entities, {@code tags}, and the whole entity as JSON. Derived from the schema, so a new
 * entity type needs only its migration.
 */
final class Table {
  /** A foreign-key column: entity field {@code field}, column {@code column}, pointing at {@code parent}. */
  record ForeignColumn(String field, String column, String parent) {}

  private final EntitySchema schema;
  private final boolean uuidKey;
  private final List<ForeignColumn> foreign = new ArrayList<>();
  private final List<String> unique = new ArrayList<>();
  private final List<String> columns = new ArrayList<>();

  Table(EntitySchema schema) {
    this.schema = schema;
    Field pkField = schema.fields().get(schema.primaryKey());
    this.uuidKey = pkField != null && pkField.isUuid();
    columns.add(schema.primaryKey());
    for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
      String parent = fk.getValue().reference().orElseThrow();
      ForeignColumn c = new ForeignColumn(fk.getKey(), fk.getKey() + "_id", parent);
      foreign.add(c);
      columns.add(c.column());
    }
    for (String u : schema.uniqueFields()) {
      if (!u.equals(schema.primaryKey())) {
        unique.add(u);
        columns.add(u);
      }
    }
    if (hasCacheKey()) {
      columns.add("cache_key");
    }
    if (schema.ttl()) {
      columns.add("ttl");
    }
    columns.add("tags");
    columns.add("entity");
  }

  String type() {
    return schema.name();
  }

  EntitySchema schema() {
    return schema;
  }

  /** The quoted table name. */
  String name() {
    return quote(schema.name());
  }

  String primaryKey() {
    return schema.primaryKey();
  }

  /** The primary key column in SQL, ordered bytewise for text keys so paging matches Java's order. */
  String orderKey() {
    return uuidKey ? quote(primaryKey()) : quote(primaryKey()) + " COLLATE \"C\"";
  }

  /** The SQL type of the primary key, for casts of parameters. */
  String keyType() {
    return uuidKey ? "uuid" : "text";
  }

  List<ForeignColumn> foreign() {
    return foreign;
  }

  List<String> unique() {
    return unique;
  }

  Optional<ForeignColumn> foreignColumn(String field) {
    return foreign.stream().filter(c -> c.field().equals(field)).findFirst();
  }

  /** The column names in table order. */
  List<String> columns() {
    return columns;
  }

  /** Kong's cache key is unique for entities that key their cache on more than their id. */
  boolean hasCacheKey() {
    List<String> ck = schema.cacheKey();
    return !ck.isEmpty() && !ck.equals(List.of(schema.primaryKey()));
  }

  /**
   * The value of every column for {@code e}, in {@link #columns()} order: strings, or null. The
   * tags come as a {@code String[]}, the ttl as an ISO-8601 instant and the entity as JSON text.
   */
  Object[] values(Entity e) {
    Object[] out = new Object[columns.size()];
    int i = 0;
    out[i++] = e.id();
    for (ForeignColumn c : foreign) {
      out[i++] = e.foreignId(c.field());
    }
    for (String u : unique) {
      out[i++] = scalar(e.get(u));
    }
    if (hasCacheKey()) {
      out[i++] = cacheKey(e);
    }
    if (schema.ttl()) {
      JsonNode ttl = e.get("ttl");
      out[i++] = ttl.isNumber() ? Instant.ofEpochMilli((long) (ttl.doubleValue() * 1000)).toString() : null;
    }
    out[i++] = tags(e);
    out[i] = e.fields().toString();
    return out;
  }

  /** Kong's cache key: the type and the cache-key fields' values (foreign keys by id), colon-separated. */
  String cacheKey(Entity e) {
    StringBuilder sb = new StringBuilder(schema.name());
    for (String f : schema.cacheKey()) {
      Field field = schema.fields().get(f);
      String v = field != null && field.type() == FieldType.FOREIGN ? e.foreignId(f) : scalar(e.get(f));
      sb.append(':').append(v == null ? "" : v);
    }
    return sb.toString();
  }

  private static String[] tags(Entity e) {
    JsonNode tags = e.get("tags");
    if (!tags.isArray()) {
      return null;
    }
    String[] out = new String[tags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = tags.get(i).asText();
    }
    return out;
  }

  private static String scalar(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? null : v.isTextual() ? v.textValue() : v.toString();
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
