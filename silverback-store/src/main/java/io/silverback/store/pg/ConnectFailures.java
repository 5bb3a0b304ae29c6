package io.silverback.store.pg;

import io.silverback.store.DatabaseUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import org.postgresql.util.PSQLException;

/**
 * Turns a failed connection attempt into a {@link DatabaseUnavailableException} whose message says
 * what happened in words and which setting to check, naming host, port, user and database. The
 * driver's messages never contain the password, and neither do ours.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  static DatabaseUnavailableException describe(PgSettings s, SQLException e) {
    return new DatabaseUnavailableException(message(s, e), e);
  }

  static String message(PgSettings s, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    switch (state) {
      case "28P01":
        return "PostgreSQL at " + s.endpoint() + " refused the password for user '" + s.user()
            + "'; check pg_user and pg_password (or SILVERBACK_PG_PASSWORD)";
      case "28000":
        return "PostgreSQL at " + s.endpoint() + " refused user '" + s.user() + "' (database '" + s.database()
            + "'): " + serverMessage(e) + "; check pg_user and the server's pg_hba.conf";
      case "3D000":
        return "PostgreSQL at " + s.endpoint() + " has no database '" + s.database() + "' (user '" + s.user()
            + "'); create it, for example with: createdb -h " + s.host() + " -p " + s.port() + " -U " + s.user()
            + " " + s.database();
      default:
        return "cannot connect to PostgreSQL at " + s.endpoint() + " as user '" + s.user() + "' (database '"
            + s.database() + "'): " + transportProblem(s, e);
    }
  }

  private static String transportProblem(PgSettings s, SQLException e) {
    if (causedBy(e, UnknownHostException.class)) {
      return "unknown host '" + s.host() + "'; check pg_host";
    }
    if (causedBy(e, SocketTimeoutException.class) || String.valueOf(e.getMessage()).contains("timed out")) {
      return "no answer within " + s.timeoutMillis() + " ms (pg_timeout); check pg_host, pg_port and the network";
    }
    if (causedBy(e, NoRouteToHostException.class)) {
      return "no route to host; check pg_host and the network";
    }
    if (causedBy(e, ConnectException.class)) {
      return "connection refused; is the server running? check pg_host and pg_port";
    }
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains("ssl")) {
      return message + " check pg_ssl and pg_ssl_verify";
    }
    return message;
  }

  private static String serverMessage(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
