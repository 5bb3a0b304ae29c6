package io.silverback.ops.dump;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a Silverback schema as the catalog shows them: the migration history first, then
 * the entity tables in the registry's dependency order, then any other table a later migration
 * added (by name). Everything in the schema is Silverback's: the store refuses a schema that holds
 * other tables.
 */
final class SchemaTables {
  static final String HISTORY = "silverback_migrations";

  private SchemaTables() {}

  /** Table name to column names (in column order), in load order. */
  static Map<String, List<String>> read(Connection c, String schema, EntityRegistry registry) throws SQLException {
    Map<String, List<String>> columns = read(c, schema);
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    move(columns, ordered, HISTORY);
    for (EntitySchema s : registry.ordered()) {
      move(columns, ordered, s.name());
    }
    ordered.putAll(columns);
    return ordered;
  }

  /** Table name to column names (in column order), by table name. */
  static Map<String, List<String>> read(Connection c, String schema) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    // The catalog, not information_schema: its views cost the server about 15 ms to plan and run.
    String sql = "SELECT c.relname, a.attname FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return columns;
  }

  /** Rows in {@code table}. */
  static long count(Connection c, String schema, String table) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM " + qualified(schema, table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The latest migration version recorded in the schema's history, or null when there is none. */
  static String level(Connection c, String schema) throws SQLException {
    String sql = "SELECT version FROM " + qualified(schema, HISTORY)
        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String columnList(List<String> columns) {
    return String.join(", ", columns.stream().map(SchemaTables::quote).toList());
  }

  private static void move(Map<String, List<String>> from, Map<String, List<String>> to, String table) {
    List<String> cols = from.remove(table);
    if (cols != null) {
      to.put(table, cols);
    }
  }
}
