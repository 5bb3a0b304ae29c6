package io.silverback.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The baseline of the import target: every entity written with its own {@code INSERT} in
 * autocommit, so one statement and one commit (one WAL flush) per row, as a loader that knows
 * nothing about COPY or transactions would do it.
 *
 * <p>It is deliberately built without the store's package-private row layout: the columns come
 * from {@code information_schema.columns} of each table and are filled from the entity the way
 * the store fills them (primary key, {@code <fk>_id} from the foreign key's {@code id}, unique
 * columns from the same-named field, {@code ttl}, {@code tags} as text[], the entity as jsonb),
 * except {@code cache_key}, which is left NULL. One prepared statement per table is reused (the
 * driver switches it to a server-side prepared statement), so the baseline is, if anything, a
 * little faster than a truly naive one; it does not validate, unlike Kong's row-by-row import.
 */
final class NaiveInserter {
  private final Connection connection;

  /** @param connection a connection in autocommit to a bootstrapped database */
  NaiveInserter(Connection connection) {
    this.connection = connection;
  }

  /** Inserts every entity of {@code config}, referenced types first; returns the rows written. */
  int insertAll(Config config) throws SQLException {
    int rows = 0;
    for (EntitySchema schema : config.registry().ordered()) {
      if (config.count(schema.name()) == 0) {
        continue;
      }
      List<Column> columns = columns(schema);
      try (PreparedStatement ps = connection.prepareStatement(insertSql(schema, columns))) {
        for (Entity e : config.all(schema.name())) {
          bind(ps, columns, e);
          rows += ps.executeUpdate();
        }
      }
    }
    return rows;
  }

  /** Where a column's value comes from, decided once per table. */
  private enum Source { KEY, FOREIGN, TAGS, ENTITY, TTL, NULL, FIELD }

  private record Column(String name, String sqlType, Source source) {}

  private List<Column> columns(EntitySchema schema) throws SQLException {
    String sql = "SELECT column_name, data_type, udt_name FROM information_schema.columns"
        + " WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position";
    Set<String> foreign = schema.foreignKeys().stream().map(f -> f.getKey() + "_id").collect(Collectors.toSet());
    List<Column> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, schema.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2).equals("ARRAY") ? rs.getString(3).substring(1) + "[]" : rs.getString(2);
          String name = rs.getString(1);
          out.add(new Column(name, type, source(schema, foreign, name)));
        }
      }
    }
    return out;
  }

  private static Source source(EntitySchema schema, Set<String> foreign, String column) {
    if (column.equals(schema.primaryKey())) {
      return Source.KEY;
    }
    if (foreign.contains(column)) {
      return Source.FOREIGN;
    }
    return switch (column) {
      case "tags" -> Source.TAGS;
      case "entity" -> Source.ENTITY;
      case "ttl" -> Source.TTL;
      case "cache_key" -> Source.NULL;
      default -> Source.FIELD;
    };
  }

  private static String insertSql(EntitySchema schema, List<Column> columns) {
    String names = columns.stream().map(c -> '"' + c.name() + '"').collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").collect(Collectors.joining(", "));
    return "INSERT INTO \"" + schema.name() + "\" (" + names + ") VALUES (" + values + ")";
  }

  private void bind(PreparedStatement ps, List<Column> columns, Entity e) throws SQLException {
    int i = 1;
    for (Column c : columns) {
      String name = c.name();
      switch (c.source()) {
        case KEY -> ps.setString(i, e.id());
        case FOREIGN -> ps.setString(i, e.foreignId(name.substring(0, name.length() - 3)));
        case TAGS -> ps.setArray(i, tags(e.get("tags")));
        case ENTITY -> ps.setString(i, e.fields().toString());
        case TTL -> ps.setTimestamp(i, ttl(e.get("ttl")));
        case NULL -> ps.setNull(i, java.sql.Types.VARCHAR);
        case FIELD -> ps.setString(i, scalar(e.get(name)));
      }
      i++;
    }
  }

  private static Timestamp ttl(JsonNode ttl) {
    return ttl != null && ttl.isNumber() ? new Timestamp((long) (ttl.doubleValue() * 1000)) : null;
  }

  private java.sql.Array tags(JsonNode tags) throws SQLException {
    if (tags == null || !tags.isArray()) {
      return null;
    }
    String[] out = new String[tags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = tags.get(i).asText();
    }
    return connection.createArrayOf("text", out);
  }

  private static String scalar(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? null : v.isTextual() ? v.textValue() : v.toString();
  }
}
