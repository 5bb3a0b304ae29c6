package io.silverback.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh PostgreSQL database for one benchmark scenario: created through the server's
 * {@code postgres} database, reached through a small HikariCP pool, and dropped on close, so no
 * scenario sees another's rows, bloat or cached plans. Names start with {@code sb_bench_} and the
 * process id, so concurrent runs on the same server do not collide.
 */
final class BenchDatabase implements AutoCloseable {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String host;
  private final int port;
  private final String user;
  private final String name;
  private final HikariDataSource pool;

  private BenchDatabase(String host, int port, String user, String name) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.name = name;
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url(name));
    c.setUsername(user);
    c.setMaximumPoolSize(3);
    c.setPoolName(name);
    this.pool = new HikariDataSource(c);
  }

  /** Creates an empty database on {@code host:port}; trust authentication is assumed. */
  static BenchDatabase create(String host, int port, String user) throws SQLException {
    String name = "sb_bench_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, null);
         Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name);
      st.execute("CREATE DATABASE " + name);
    }
    return new BenchDatabase(host, port, user, name);
  }

  HikariDataSource dataSource() {
    return pool;
  }

  String name() {
    return name;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String user() {
    return user;
  }

  /** A plain connection outside the pool, in autocommit. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(name), user, null);
  }

  private String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Closes the pool and drops the database, connections of other clients included. */
  @Override
  public void close() throws SQLException {
    pool.close();
    try (Connection admin = DriverManager.getConnection(url("postgres"), user, null);
         Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
