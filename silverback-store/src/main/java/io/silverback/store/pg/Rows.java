package io.silverback.store.pg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import io.silverback.store.StoreErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Moves entities between JDBC and the table layout of {@link Table}. */
final class Rows {
  private Rows() {}

  /** The entity stored as {@code json} (the text of the {@code entity} column). */
  static Entity entity(Table t, String json) {
    try {
      ObjectNode fields = (ObjectNode) Json.MAPPER.readTree(json);
      return new Entity(t.type(), fields.path(t.primaryKey()).asText(), fields);
    } catch (JsonProcessingException | ClassCastException e) {
      throw StoreErrors.databaseError("unreadable " + t.type() + " row: " + e.getMessage(), e);
    }
  }

  /** The placeholders of a full row, cast to each column's type: {@code CAST(? AS uuid), ?, ...}. */
  static String placeholders(Table t) {
    StringBuilder sb = new StringBuilder();
    for (String column : t.columns()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append("CAST(? AS ").append(columnType(t, column)).append(')');
    }
    return sb.toString();
  }

  /** Binds {@link Table#values} of {@code e} from parameter {@code first} on; returns the next index. */
  static int bind(Connection c, PreparedStatement ps, Table t, Entity e, int first) throws SQLException {
    Object[] values = t.values(e);
    int i = first;
    for (Object v : values) {
      if (v instanceof String[] tags) {
        Array array = c.createArrayOf("text", tags);
        ps.setArray(i++, array);
      } else {
        ps.setString(i++, (String) v);
      }
    }
    return i;
  }

  private static String columnType(Table t, String column) {
    if (column.equals(t.primaryKey())) {
      return t.keyType();
    }
    return switch (column) {
      case "tags" -> "text[]";
      case "entity" -> "json";
      case "ttl" -> "timestamptz";
      default -> t.foreign().stream().anyMatch(f -> f.column().equals(column)) ? "uuid" : "text";
    };
  }
}
