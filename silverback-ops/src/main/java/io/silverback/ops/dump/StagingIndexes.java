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
 *
 * <p>A primary key or unique constraint comes back in two steps, as its index and then the
 * constraint on it ({@code ADD CONSTRAINT ... USING INDEX}, with its deferrability): an index build
 * takes a lock that other builds on the same table share, where {@code ADD CONSTRAINT ... UNIQUE
 * (...)} would take one that excludes them. The builds of one table can then run on several
 * connections at once ({@link LoadQueue}), and the constraints, which only write the catalog, are
 * attached once all of them are done. The catalog ends up as the migrations left it.
 */
final class StagingIndexes {
  /**
   * One index or constraint on the table named {@code table} (unqualified): the statement that
   * drops it, the one that builds it back (an index; a foreign key with its check), and for a
   * primary key or unique constraint the one that attaches it to its rebuilt index (else null).
   */
  private record Definition(String table, String drop, String build, String attach, boolean foreign) {}

  /**
   * What puts one table's keys and indexes back: the index builds, which may run at once, then the
   * constraints attached to them, in one transaction.
   */
  record TableKeys(List<String> builds, List<String> attaches) {}

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
        + " c.contype, t.relname, r.relname, pg_get_indexdef(c.conindid), c.condeferrable, c.condeferred,"
        + " quote_ident(i.relname) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
        + " LEFT JOIN pg_class r ON r.oid = c.confrelid LEFT JOIN pg_class i ON i.oid = c.conindid"
        + " WHERE c.connamespace = ?::regnamespace AND c.contype IN ('p', 'u', 'f')"
        + " ORDER BY c.contype = 'f', c.contype <> 'p', 1, 2";
    try (PreparedStatement ps = c.prepareStatement(constraints)) {
      ps.setString(1, SchemaTables.quote(schema));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(1);
          String name = rs.getString(2);
          if (!loaded.contains(rs.getString(5)) && !loaded.contains(rs.getString(6))) {
            continue;
          }
          String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + name;
          if (rs.getString(4).equals("f")) {
            out.add(new Definition(rs.getString(5), drop, "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " "
                + rs.getString(3), null, true));
          } else {
            String kind = rs.getString(4).equals("p") ? " PRIMARY KEY" : " UNIQUE";
            String deferrable = !rs.getBoolean(8) ? "" : rs.getBoolean(9) ? " DEFERRABLE INITIALLY DEFERRED"
                : " DEFERRABLE";
            out.add(new Definition(rs.getString(5), drop, rs.getString(7), "ALTER TABLE " + table + " ADD CONSTRAINT "
                + name + kind + " USING INDEX " + rs.getString(10) + deferrable, false));
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
            out.add(new Definition(rs.getString(1), "DROP INDEX " + rs.getString(2), rs.getString(3), null, false));
          }
        }
      }
    }
    return new StagingIndexes(out);
  }

  /**
   * Drops them all, foreign keys first since they depend on the keys they reference, in one round
   * trip (about sixty statements: one at a time they cost a restore 20 ms).
   */
  void drop(Connection c) throws SQLException {
    List<String> drops = new ArrayList<>();
    definitions.stream().filter(Definition::foreign).forEach(d -> drops.add(d.drop()));
    definitions.stream().filter(d -> !d.foreign()).forEach(d -> drops.add(d.drop()));
    if (!drops.isEmpty()) {
      DatabaseLoad.execute(c, String.join(";\n", drops));
    }
  }

  /** What rebuilds the keys and indexes of each table, by table name (unqualified); primary keys first. */
  Map<String, TableKeys> keysByTable() {
    Map<String, TableKeys> out = new LinkedHashMap<>();
    for (Definition d : definitions.stream().filter(d -> !d.foreign()).toList()) {
      TableKeys keys = out.computeIfAbsent(d.table(), t -> new TableKeys(new ArrayList<>(), new ArrayList<>()));
      keys.builds().add(d.build());
      if (d.attach() != null) {
        keys.attaches().add(d.attach());
      }
    }
    return out;
  }

  /** The statements that put the foreign keys back (each checks its table in one pass). */
  List<String> foreignKeys() {
    return definitions.stream().filter(Definition::foreign).map(Definition::build).toList();
  }
}
