package io.silverback.store.pg;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.store.ImportSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a whole {@link Config} inside the caller's transaction.
 *
 * <p>Each type is streamed with {@code COPY} into a temporary staging table, then merged with one
 * {@code INSERT ... SELECT ... ON CONFLICT (pk) DO UPDATE} that skips rows whose entity did not
 * change; a type whose table is empty is copied straight into it. That is one or two statements
 * per type instead of one per entity (Kong's {@code db_import} upserts row by row), and the
 * unchanged rows of a re-import cost no dead tuples. Foreign keys and unique constraints are
 * deferred to commit, so the order of rows and renames within the file do not matter; a
 * violation then fails the commit and nothing is written. The tables written are locked against
 * other writers (not readers) for the transaction, so a concurrent Admin API write waits rather
 * than interleaving with the load.
 */
final class BulkWriter {
  private final Connection connection;
  private final Tables tables;

  BulkWriter(Connection connection, Tables tables) {
    this.connection = connection;
    this.tables = tables;
  }

  /**
   * Upserts every entity of {@code config}; with {@code replace}, also deletes every entity the
   * config does not hold.
   */
  ImportSummary write(Config config, boolean replace) throws SQLException {
    Map<String, Integer> created = new LinkedHashMap<>();
    Map<String, Integer> updated = new LinkedHashMap<>();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    try (Statement st = connection.createStatement()) {
      st.execute("SET CONSTRAINTS ALL DEFERRED");
      for (Table t : tables.ordered()) {
        if (replace || !config.all(t.type()).isEmpty()) {
          st.execute("LOCK TABLE " + t.name() + " IN SHARE ROW EXCLUSIVE MODE");
        }
      }
    }
    for (Table t : tables.ordered()) {
      Collection<Entity> rows = config.all(t.type());
      if (rows.isEmpty() && !replace) {
        continue;
      }
      if (!replace && isEmpty(t)) {
        copy(t, t.name(), rows);
        put(created, t.type(), rows.size());
        continue;
      }
      stage(t, rows);
      int[] counts = merge(t, !replace);
      put(created, t.type(), counts[0]);
      put(updated, t.type(), counts[1]);
    }
    if (replace) {
      for (Table t : tables.reversed()) {
        put(deleted, t.type(), deleteAbsent(t));
      }
    }
    return new ImportSummary(created, updated, deleted);
  }

  private boolean isEmpty(Table t) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + t.name() + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private void stage(Table t, Collection<Entity> rows) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TEMP TABLE " + staging(t) + " (LIKE " + t.name() + ") ON COMMIT DROP");
    }
    copy(t, staging(t), rows);
  }

  private void copy(Table t, String target, Collection<Entity> rows) throws SQLException {
    String sql = "COPY " + target + " (" + columnList(t) + ") FROM STDIN";
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try (RowChunks chunks = new RowChunks(t, rows)) {
      byte[] chunk;
      while ((chunk = chunks.next()) != null) {
        copy.writeToCopy(chunk, 0, chunk.length);
      }
      copy.endCopy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while loading " + t.type(), e);
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }


  /**
   * Merges the staged rows; returns {created, updated}. An import ({@code keepHistory}) leaves
   * rows that differ only in their timestamps alone (a file without timestamps gets new ones at
   * every parse) and keeps the stored {@code created_at} of the rows it changes; a replace
   * (restore) takes the new rows as they are.
   */
  private int[] merge(Table t, boolean keepHistory) throws SQLException {
    String cols = columnList(t);
    String pk = Table.quote(t.primaryKey());
    String set = t.columns().stream().filter(c -> !c.equals(t.primaryKey()))
        .map(c -> Table.quote(c) + " = " + newValue(t, c, keepHistory)).collect(Collectors.joining(", "));
    String sql = "WITH w AS (INSERT INTO " + t.name() + " (" + cols + ") SELECT " + cols + " FROM " + staging(t)
        + " ON CONFLICT (" + pk + ") DO UPDATE SET " + set
        + " WHERE " + comparable(t.name() + ".\"entity\"", keepHistory) + " IS DISTINCT FROM "
        + comparable("EXCLUDED.\"entity\"", keepHistory)
        + " RETURNING (xmax = 0) AS created)"
        + " SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM w";
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return new int[] {rs.getInt(1), rs.getInt(2)};
    }
  }

  private static String comparable(String entity, boolean withoutTimestamps) {
    return withoutTimestamps ? "(" + entity + "::jsonb - 'created_at' - 'updated_at')" : entity + "::jsonb";
  }

  private static String newValue(Table t, String column, boolean keepHistory) {
    String excluded = "EXCLUDED." + Table.quote(column);
    if (!keepHistory || !column.equals("entity") || !t.schema().fields().containsKey("created_at")) {
      return excluded;
    }
    String stored = t.name() + ".\"entity\"";
    return "CASE WHEN " + stored + "::jsonb ? 'created_at' THEN jsonb_set(" + excluded + "::jsonb, '{created_at}', "
        + stored + "::jsonb -> 'created_at')::json ELSE " + excluded + " END";
  }

  private int deleteAbsent(Table t) throws SQLException {
    String pk = Table.quote(t.primaryKey());
    String sql = "DELETE FROM " + t.name() + " x WHERE NOT EXISTS (SELECT 1 FROM " + staging(t)
        + " s WHERE s." + pk + " = x." + pk + ")";
    try (Statement st = connection.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  private static String staging(Table t) {
    return Table.quote("stage_" + t.type());
  }

  private static String columnList(Table t) {
    return t.columns().stream().map(Table::quote).collect(Collectors.joining(", "));
  }

  private static void put(Map<String, Integer> counts, String type, int n) {
    if (n > 0) {
      counts.put(type, n);
    }
  }
}
