package io.silverback.ops.dump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexes and constraints of the private restore schema that stand in the way of its load,
 * taken off before its tables are filled and put back after, as pg_restore does: one index build
 * and one foreign-key check per table is several times faster than maintaining every index (GIN
 * on tags included) and queueing a deferred check per row. Only the tables that receive rows
 * lose theirs, with every foreign key from or to them; an empty table keeps its keys, which cost
 * nothing to keep and would cost a build to put back. The definitions come from the catalog
 * ({@code pg_get_constraintdef}, {@code pg_get_indexdef}) of the schema the migrations built, so
 * they are exactly what the migrations create.
 */
final class StagingIndexes {
  /** One statement to drop, and the one that puts it back, on the table named {@code table} (unqualified). */
  private record Definition(String table, String drop, String create, boolean foreign) {}

  private final List<Definition> definitions;

  private StagingIndexes(List<Definition> definitions) {
    this.definitions = definitions;
  }

  /**
   * Reads the primary key, unique constraints and other indexes of the tables of {@code schema}
   * named in {@code loaded}, and every foreign key from or to them.
   */
  static StagingIndexes of(Connection c, String schema, Set<String> loaded) throws SQLException {
    List<Definition> out = new ArrayList<>();
    String constraints = "SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid),"
        + " c.contype = 'f', t.relname, r.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
        + " LEFT JOIN pg_class r ON r.oid = c.confrelid"
        + " WHERE c.connamespace = ?::regnamespace AND c.contype IN ('p', 'u', 'f') ORDER BY c.contype = 'f', 1, 2";
    try (PreparedStatement ps = c.prepareStatement(constraints)) {
      ps.setString(1, SchemaTables.quote(schema));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(1);
          if (loaded.contains(rs.getString(5)) || loaded.contains(rs.getString(6))) {
            out.add(new Definition(rs.getString(5), "ALTER TABLE " + table + " DROP CONSTRAINT " + rs.getString(2),
                "ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3), rs.getBoolean(4)));
          }
        }
      }
    }
    String indexes = "SELECT t.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
        + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = ?::regnamespace"
        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)"
        + " ORDER BY 1, 2";
    try (PreparedStatement ps = c.prepareStatement(indexes)) {
      ps.setString(1, SchemaTables.quote(schema));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (loaded.contains(rs.getString(1))) {
            out.add(new Definition(rs.getString(1), "DROP INDEX " + rs.getString(2), rs.getString(3), false));
          }
        }
      }
    }
    return new StagingIndexes(out);
  }

  /** Drops them all: foreign keys first, since they depend on the keys they reference. */
  void drop(Connection c) throws SQLException {
    for (Definition d : definitions.stream().filter(Definition::foreign).toList()) {
      DatabaseLoad.execute(c, d.drop());
    }
    for (Definition d : definitions.stream().filter(d -> !d.foreign()).toList()) {
      DatabaseLoad.execute(c, d.drop());
    }
  }

  /** The statements that rebuild the keys and indexes of each table, by table name (unqualified). */
  Map<String, List<String>> keysByTable() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Definition d : definitions.stream().filter(d -> !d.foreign()).toList()) {
      out.computeIfAbsent(d.table(), t -> new ArrayList<>()).add(d.create());
    }
    return out;
  }

  /** The statements that put the foreign keys back (each checks its table in one pass). */
  List<String> foreignKeys() {
    return definitions.stream().filter(Definition::foreign).map(Definition::create).toList();
  }
}
