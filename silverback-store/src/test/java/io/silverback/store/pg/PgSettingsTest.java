package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.NodeConf;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgSettingsTest {
  private static final PgSettings SERVER =
      new PgSettings("db.example.com", 5433, "alice", "hunter2", "gateway", "", false, false, 5000, 0);

  private static NodeConf conf(Map<String, String> flags) {
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }

  @Test
  void defaultConfigurationMeansTheEmbeddedDatabase() {
    PgSettings s = PgSettings.from(NodeConf.defaults());
    assertThat(s.embedded()).isTrue();
    assertThat(s.host()).isNull();
    assertThat(s).isEqualTo(new PgSettings(null, 5432, "kong", "", "kong", "", false, false, 5000, 0));
    assertThat(s.describe()).isEqualTo("the embedded PostgreSQL, database 'kong', user 'kong'");
  }

  @Test
  void readsEveryPgKeyOfTheConfiguration() {
    PgSettings s = PgSettings.from(conf(Map.of("pg_host", "10.0.0.5", "pg_port", "6432", "pg_user", "bob",
        "pg_password", "pw", "pg_database", "gw", "pg_schema", "edge", "pg_ssl", "on", "pg_ssl_verify", "true",
        "pg_timeout", "1500", "pg_max_concurrent_queries", "4")));
    assertThat(s).isEqualTo(new PgSettings("10.0.0.5", 6432, "bob", "pw", "gw", "edge", true, true, 1500, 4));
    assertThat(s.embedded()).isFalse();
    assertThat(s.poolSize()).isEqualTo(4);
  }

  @Test
  void describeNamesServerDatabaseAndUserButNotThePassword() {
    assertThat(SERVER.describe()).isEqualTo("PostgreSQL at db.example.com:5433, database 'gateway', user 'alice'");
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(SERVER.toString()).doesNotContain("hunter2").contains("password=******").contains("user=alice");
    assertThat(SERVER.withEndpoint("h", 1, "u").toString()).contains("password=,");
  }

  @Test
  void withEndpointMovesToAnotherServerAndUserAndDropsThePassword() {
    PgSettings s = SERVER.withEndpoint("localhost", 40000, "postgres");
    assertThat(s).isEqualTo(new PgSettings("localhost", 40000, "postgres", "", "gateway", "", false, false, 5000, 0));
  }

  @Test
  void withDatabaseKeepsTheServerAndCredentials() {
    assertThat(SERVER.withDatabase("postgres"))
        .isEqualTo(new PgSettings("db.example.com", 5433, "alice", "hunter2", "postgres", "", false, false, 5000, 0));
  }

  @Test
  void missingPasswordAndSchemaBecomeEmpty() {
    PgSettings s = new PgSettings("h", 1, "u", null, "d", null, false, false, 0, 0);
    assertThat(s.password()).isEmpty();
    assertThat(s.schema()).isEmpty();
  }

  @Test
  void poolSizeDefaultsToTenWhenMaxConcurrentQueriesIsZero() {
    assertThat(SERVER.poolSize()).isEqualTo(10);
  }

  @Test
  void jdbcUrlCarriesApplicationNameTimeoutsAndPlainSslModeButNoCredentials() {
    assertThat(SERVER.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/gateway?ApplicationName=silverback"
        + "&assumeMinServerVersion=9.5&connectTimeout=5&loginTimeout=5&sslmode=disable");
  }

  @Test
  void jdbcUrlRoundsTimeoutsUpToWholeSecondsAndKeepsZeroAsNoTimeout() {
    assertThat(new PgSettings("h", 1, "u", "", "d", "", false, false, 1500, 0).jdbcUrl())
        .contains("connectTimeout=2&loginTimeout=2");
    assertThat(new PgSettings("h", 1, "u", "", "d", "", false, false, 0, 0).jdbcUrl())
        .contains("connectTimeout=0&loginTimeout=0");
  }

  @Test
  void jdbcUrlSetsCurrentSchemaAndSslModes() {
    assertThat(new PgSettings("h", 1, "u", "", "d", "my schema", true, false, 5000, 0).jdbcUrl())
        .contains("currentSchema=my%20schema").endsWith("sslmode=require");
    assertThat(new PgSettings("h", 1, "u", "", "d", "", true, true, 5000, 0).jdbcUrl()).endsWith("sslmode=verify-full");
  }

  @Test
  void jdbcUrlBracketsIpv6HostsAndEncodesTheDatabaseName() {
    assertThat(new PgSettings("::1", 5432, "u", "", "a/b", "", false, false, 5000, 0).jdbcUrl())
        .startsWith("jdbc:postgresql://[::1]:5432/a%2Fb?");
  }

  @Test
  void embeddedSettingsHaveNoJdbcUrlUntilStarted() {
    assertThatThrownBy(() -> PgSettings.from(NodeConf.defaults()).jdbcUrl())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedded");
  }
}
