package io.silverback.store.pg;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements that commit together or not at all, on a connection left in autocommit after. */
public final class Transactions {
  /** Work on the connection, inside the transaction. */
  @FunctionalInterface
  public interface Work {
    void run() throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs {@code work} in one transaction on {@code c}: committed when it returns, rolled back when
   * it throws.
   *
   * @throws SQLException what {@code work} or the commit threw
   */
  public static void run(Connection c, Work work) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
