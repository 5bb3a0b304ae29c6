package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns PostgreSQL's constraint errors into Kong's DAO errors, so that a rule enforced by the
 * database (two writers racing for one name) reads exactly like the same rule caught earlier.
 */
final class SqlErrors {
  private static final Pattern KEY = Pattern.compile("Key \\((.+?)\\)=\\((.*)\\) (already exists|is not present in table \"(.+)\"|is still referenced from table \"(.+)\")\\.", Pattern.DOTALL);

  private final Tables tables;

  SqlErrors(Tables tables) {
    this.tables = tables;
  }

  /**
   * The Kong error for {@code e}, raised while writing {@code type} (null when unknown).
   *
   * @param what a few words on the operation, for errors that are not constraint violations
   */
  StoreException translate(SQLException e, String type, String what) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (server != null && state.equals("23505")) {
      return unique(server, type);
    }
    if (server != null && state.equals("23503")) {
      return foreign(server, type);
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
      return new DatabaseUnavailableException("lost the connection to the database while " + what + ": " + e.getMessage(), e);
    }
    return StoreErrors.databaseError("database error while " + what + ": " + e.getMessage(), e);
  }

  private StoreException unique(ServerErrorMessage server, String fallbackType) {
    String table = server.getTable() != null ? server.getTable() : fallbackType;
    Matcher m = KEY.matcher(String.valueOf(server.getDetail()));
    if (!m.matches()) {
      return withType(StoreErrors.uniqueViolation(table, Map.of("constraint", String.valueOf(server.getConstraint()))), table);
    }
    String column = m.group(1);
    String value = m.group(2);
    Table t = table == null ? null : tables.byTableName(table).orElse(null);
    if (t != null && column.equals(t.primaryKey())) {
      return withType(StoreErrors.primaryKeyViolation(table, value), table);
    }
    if (t != null && column.equals("cache_key")) {
      return withType(StoreErrors.uniqueViolation(table, Map.of("cache_key", value)), table);
    }
    return withType(StoreErrors.uniqueViolation(table, Map.of(column, value)), table);
  }

  private StoreException foreign(ServerErrorMessage server, String fallbackType) {
    Matcher m = KEY.matcher(String.valueOf(server.getDetail()));
    String table = server.getTable() != null ? server.getTable() : fallbackType;
    if (m.matches() && m.group(5) != null) {
      String parent = table;
      return StoreErrors.foreignKeyRestricted(parentOfConstraint(server, parent), m.group(5));
    }
    if (m.matches() && m.group(4) != null) {
      String column = m.group(1);
      String field = column.endsWith("_id") ? column.substring(0, column.length() - 3) : column;
      return withType(StoreErrors.foreignKeyInvalidReference(field, m.group(2), m.group(4)), table);
    }
    return StoreErrors.databaseError("foreign key violation on " + table + ": " + server.getMessage(), null);
  }

  /** For a restricted delete PostgreSQL names the referencing table; the parent is in the message. */
  private static String parentOfConstraint(ServerErrorMessage server, String fallback) {
    Matcher m = Pattern.compile("on table \"([^\"]+)\" violates").matcher(String.valueOf(server.getMessage()));
    return m.find() ? m.group(1) : fallback;
  }

  private static StoreException withType(StoreException e, String type) {
    return type == null ? e : e.about(type);
  }
}
