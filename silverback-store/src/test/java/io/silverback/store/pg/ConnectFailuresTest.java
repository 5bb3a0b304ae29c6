package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Failures that the local trust-auth server cannot produce, built as the driver builds them. */
class ConnectFailuresTest {
  private static final PgSettings S =
      new PgSettings("db.example.com", 5433, "alice", "hunter2", "gateway", "", false, false, 3000, 0);

  private static PSQLException unableToConnect(String message, Throwable cause) {
    return new PSQLException(message, PSQLState.CONNECTION_UNABLE_TO_CONNECT, cause);
  }

  @Test
  void refusedPasswordNamesServerAndUser() {
    String message = ConnectFailures.message(S, new PSQLException("password authentication failed for user \"alice\"",
        PSQLState.INVALID_PASSWORD));
    assertThat(message).isEqualTo("PostgreSQL at db.example.com:5433 refused the password for user 'alice';"
        + " check pg_user and pg_password (or SILVERBACK_PG_PASSWORD)");
  }

  @Test
  void timeoutSaysHowLongItWaitedAndWhatToCheck() {
    assertThat(ConnectFailures.message(S, unableToConnect("Connection attempt timed out.", null)))
        .isEqualTo("cannot connect to PostgreSQL at db.example.com:5433 as user 'alice' (database 'gateway'):"
            + " no answer within 3000 ms (pg_timeout); check pg_host, pg_port and the network");
    assertThat(ConnectFailures.message(S, unableToConnect("x", new SocketTimeoutException("Connect timed out"))))
        .contains("no answer within 3000 ms");
  }

  @Test
  void unknownHostSaysSo() {
    assertThat(ConnectFailures.message(S, unableToConnect("x", new UnknownHostException("db.example.com"))))
        .endsWith("unknown host 'db.example.com'; check pg_host");
  }

  @Test
  void refusedConnectionSuggestsCheckingTheServer() {
    assertThat(ConnectFailures.message(S, unableToConnect("x", new ConnectException("Connection refused"))))
        .endsWith("connection refused; is the server running? check pg_host and pg_port");
  }

  @Test
  void otherFailuresKeepTheDriversMessageAndNeverThePassword() {
    String message = ConnectFailures.message(S, new SQLException("something odd", "XX000"));
    assertThat(message).isEqualTo("cannot connect to PostgreSQL at db.example.com:5433 as user 'alice'"
        + " (database 'gateway'): something odd");
    assertThat(message).doesNotContain("hunter2");
  }
}
