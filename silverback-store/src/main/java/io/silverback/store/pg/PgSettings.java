package io.silverback.store.pg;

import io.silverback.core.conf.NodeConf;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where and how to reach PostgreSQL: the {@code pg_*} keys of the node configuration. A {@code null}
 * host means "use the embedded database"; {@link #withEndpoint} fills in the embedded server once it
 * runs. {@code password} and {@code schema} are {@code ""} when unset. {@link #toString()} and {@link
 * #describe()} never show the password.
 *
 * @param timeoutMillis {@code pg_timeout}: connect and login timeout, and the pool's wait for a
 *     connection; 0 waits forever
 * @param maxConcurrentQueries {@code pg_max_concurrent_queries}: the pool size; 0 for the default
 */
public record PgSettings(String host, int port, String user, String password, String database, String schema,
    boolean ssl, boolean sslVerify, int timeoutMillis, int maxConcurrentQueries) {
  /** The pool size when {@code pg_max_concurrent_queries} is 0. */
  public static final int DEFAULT_POOL_SIZE = 10;
  /** The {@code ApplicationName} every connection reports, visible in {@code pg_stat_activity}. */
  public static final String APPLICATION_NAME = "silverback";
  /** The oldest PostgreSQL Kong 3 supports, and Silverback with it. */
  static final String MIN_SERVER_VERSION = "9.5";

  /** Normalizes a missing password or schema to {@code ""}. */
  public PgSettings {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(database, "database");
    password = password == null ? "" : password;
    schema = schema == null ? "" : schema;
  }

  /** The settings of {@code conf}'s {@code pg_*} keys; an empty {@code pg_host} means embedded. */
  public static PgSettings from(NodeConf conf) {
    return new PgSettings(conf.optional("pg_host").orElse(null), conf.integer("pg_port"), conf.get("pg_user"),
        conf.get("pg_password"), conf.get("pg_database"), conf.get("pg_schema"), conf.bool("pg_ssl"),
        conf.bool("pg_ssl_verify"), conf.integer("pg_timeout"), conf.integer("pg_max_concurrent_queries"));
  }

  /** True when no host is configured and Silverback runs the database itself. */
  public boolean embedded() {
    return host == null;
  }

  /** The same settings on another server and user; the password is dropped (it was the old user's). */
  public PgSettings withEndpoint(String host, int port, String user) {
    return new PgSettings(host, port, user, "", database, schema, ssl, sslVerify, timeoutMillis,
        maxConcurrentQueries);
  }

  /** The same server and user, another database (such as {@code postgres} for administration). */
  public PgSettings withDatabase(String database) {
    return new PgSettings(host, port, user, password, database, schema, ssl, sslVerify, timeoutMillis,
        maxConcurrentQueries);
  }

  /** The number of connections of a pool on these settings. */
  public int poolSize() {
    return maxConcurrentQueries > 0 ? maxConcurrentQueries : DEFAULT_POOL_SIZE;
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  public String endpoint() {
    if (embedded()) {
      return "the embedded PostgreSQL";
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** For people: {@code PostgreSQL at 127.0.0.1:5432, database 'kong', user 'kong'}; never the password. */
  public String describe() {
    String where = embedded() ? "the embedded PostgreSQL" : "PostgreSQL at " + endpoint();
    return where + ", database '" + database + "', user '" + user + "'";
  }

  /**
   * The JDBC URL, without user or password: {@code ApplicationName} (sent at startup: {@code
   * assumeMinServerVersion}), connect and login timeouts,
   * {@code currentSchema} when a schema is set, and {@code sslmode} ({@code require}, or {@code
   * verify-full} with {@code pg_ssl_verify}). There is no socket timeout: a long import or migration
   * must not be cut short.
   *
   * @throws IllegalStateException for the embedded database before {@link #withEndpoint}
   */
  public String jdbcUrl() {
    if (embedded()) {
      throw new IllegalStateException("the embedded database has no address until it is started (" + describe() + ")");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ApplicationName", APPLICATION_NAME);
    // The oldest server Kong supports: the driver then sends the application name in the startup
    // packet instead of a SET after it, one round trip less per connection.
    params.put("assumeMinServerVersion", MIN_SERVER_VERSION);
    int seconds = timeoutMillis == 0 ? 0 : Math.max(1, (timeoutMillis + 999) / 1000);
    params.put("connectTimeout", String.valueOf(seconds));
    params.put("loginTimeout", String.valueOf(seconds));
    if (!schema.isEmpty()) {
      params.put("currentSchema", schema);
    }
    params.put("sslmode", !ssl ? "disable" : sslVerify ? "verify-full" : "require");
    return "jdbc:postgresql://" + endpoint() + "/" + encode(database) + "?" + params.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
  }

  /** All fields but the password, which shows as {@code ******} when set. */
  @Override
  public String toString() {
    return "PgSettings[host=" + host + ", port=" + port + ", user=" + user + ", password="
        + (password.isEmpty() ? "" : NodeConf.REDACTED) + ", database=" + database + ", schema=" + schema
        + ", ssl=" + ssl + ", sslVerify=" + sslVerify + ", timeoutMillis=" + timeoutMillis
        + ", maxConcurrentQueries=" + maxConcurrentQueries + "]";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
