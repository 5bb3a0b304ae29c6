package io.silverback.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfTest {
  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("s.conf");
    Files.writeString(f, text);
    return f;
  }

  private NodeConf fromFile(String text) throws IOException {
    return NodeConf.load(Optional.of(write(text)), Map.of(), Map.of());
  }

  // ---- defaults and the reference file

  @Test
  void defaultsAreKongsExceptTheDocumentedDepartures() {
    NodeConf conf = NodeConf.defaults();
    assertThat(conf.get("database")).isEqualTo("postgres");
    assertThat(conf.get("pg_host")).isEmpty();
    assertThat(conf.integer("pg_port")).isEqualTo(5432);
    assertThat(conf.get("pg_user")).isEqualTo("kong");
    assertThat(conf.get("pg_password")).isEmpty();
    assertThat(conf.get("pg_database")).isEqualTo("kong");
    assertThat(conf.get("pg_schema")).isEmpty();
    assertThat(conf.bool("pg_ssl")).isFalse();
    assertThat(conf.bool("pg_ssl_verify")).isFalse();
    assertThat(conf.integer("pg_timeout")).isEqualTo(5000);
    assertThat(conf.integer("pg_max_concurrent_queries")).isZero();
    assertThat(conf.get("declarative_config")).isEmpty();
    assertThat(conf.prefix()).isEqualTo(Path.of(NodeConf.home(), ".silverback"));
    assertThat(conf.source("pg_port")).isEqualTo("default");
  }

  @Test
  void everyKeyInTheReferenceFileHasACommentAboveIt() throws IOException {
    List<String> lines;
    try (InputStream in = NodeConf.class.getResourceAsStream("silverback.conf.default")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) {
        assertThat(lines.get(i - 1)).as("line above '%s'", lines.get(i)).startsWith("# ");
      }
    }
    assertThat(NodeConf.knownKeys()).startsWith("prefix").contains("pg_max_concurrent_queries");
  }

  @Test
  void everyTypedKeyIsAKnownKey() {
    assertThat(NodeConf.knownKeys()).containsAll(ConfChecks.BY_KEY.keySet());
  }

  // ---- syntax

  @Test
  void readsKeyValueLinesWithCommentsBlanksAndWhitespace() throws IOException {
    NodeConf conf = fromFile("""
        # a comment

           pg_host   =   db.example.com    # trailing comment
        pg_user=alice
        \tpg_schema = \t
        pg_database = kong#nospace
        """);
    assertThat(conf.get("pg_host")).isEqualTo("db.example.com");
    assertThat(conf.get("pg_user")).isEqualTo("alice");
    assertThat(conf.get("pg_schema")).isEmpty();
    assertThat(conf.optional("pg_schema")).isEmpty();
    assertThat(conf.get("pg_database")).isEqualTo("kong");
  }

  @Test
  void escapedOctothorpeIsKeptAsALiteralHash() throws IOException {
    NodeConf conf = fromFile("pg_password = se\\#cret # real comment\n");
    assertThat(conf.get("pg_password")).isEqualTo("se#cret");
  }

  @Test
  void valueMayContainEqualsSigns() throws IOException {
    assertThat(fromFile("pg_password = a=b=c\n").get("pg_password")).isEqualTo("a=b=c");
  }

  @Test
  void laterLineForTheSameKeyWinsAndIsTheSource() throws IOException {
    NodeConf conf = fromFile("pg_port = 1111\r\npg_port = 2222\r\n");
    assertThat(conf.integer("pg_port")).isEqualTo(2222);
    assertThat(conf.source("pg_port")).isEqualTo(dir.resolve("s.conf") + ":2");
  }

  @Test
  void lineWithoutEqualsIsRefusedWithFileAndLine() throws IOException {
    Path f = write("pg_host = x\n\njust words # comment\n");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage(f + ":3: expected 'key = value', found 'just words'");
  }

  // ---- precedence and sources

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFileAndFlagsOverrideAll() throws IOException {
    Path f = write("pg_host = from-file\npg_port = 1001\npg_user = file-user\npg_database = file-db\n");
    Map<String, String> env = Map.of(
        "KONG_PG_PORT", "2002", "KONG_PG_USER", "kong-user", "SILVERBACK_PG_USER", "sb-user",
        "KONG_PG_DATABASE", "kong-db", "SILVERBACK_PG_DATABASE", "sb-db");
    NodeConf conf = NodeConf.load(Optional.of(f), env, Map.of("pg_database", "flag-db"));
    assertThat(conf.get("pg_host")).isEqualTo("from-file");
    assertThat(conf.source("pg_host")).isEqualTo(f + ":1");
    assertThat(conf.get("pg_port")).isEqualTo("2002");
    assertThat(conf.source("pg_port")).isEqualTo("env KONG_PG_PORT");
    assertThat(conf.get("pg_user")).isEqualTo("sb-user");
    assertThat(conf.source("pg_user")).isEqualTo("env SILVERBACK_PG_USER");
    assertThat(conf.get("pg_database")).isEqualTo("flag-db");
    assertThat(conf.source("pg_database")).isEqualTo("flag --pg-database");
    assertThat(conf.source("pg_schema")).isEqualTo("default");
  }

  @Test
  void flagKeysMayBeWrittenWithDashes() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of(), Map.of("pg-port", "6543"));
    assertThat(conf.integer("pg_port")).isEqualTo(6543);
    assertThat(conf.source("pg_port")).isEqualTo("flag --pg-port");
  }

  @Test
  void emptyEnvironmentValueSetsTheEmptyValue() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of("SILVERBACK_PG_USER", ""), Map.of());
    assertThat(conf.get("pg_user")).isEmpty();
    assertThat(conf.optional("pg_user")).isEmpty();
  }

  @Test
  void unknownEnvironmentVariablesAreIgnored() {
    NodeConf conf = NodeConf.load(Optional.empty(),
        Map.of("KONG_NGINX_HTTP_CLIENT_BODY_BUFFER_SIZE", "8k", "SILVERBACK_NOPE", "x", "PATH", "/bin"), Map.of());
    assertThat(conf.toString()).isEqualTo(NodeConf.defaults().toString());
  }

  @Test
  void lowerCaseEnvironmentNamesAreNotRead() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of("silverback_pg_port", "1"), Map.of());
    assertThat(conf.integer("pg_port")).isEqualTo(5432);
  }

  // ---- unknown keys

  @Test
  void unknownKeyInFileIsRefusedWithFileAndLine() throws IOException {
    Path f = write("# header\npg_host = x\npg_hots = y\n");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage(f + ":3: unknown property 'pg_hots'");
  }

  @Test
  void everyUnknownKeyInTheFileIsReportedAtOnce() throws IOException {
    Path f = write("a = 1\nb = 2\n");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(f), Map.of(), Map.of()))
        .hasMessage(f + ":1: unknown property 'a'\n" + f + ":2: unknown property 'b'");
  }

  @Test
  void unknownKeyAmongFlagsIsRefused() {
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("pg_hots", "x")))
        .isInstanceOf(ConfException.class)
        .hasMessage("unknown property 'pg_hots' (flag --pg-hots)");
  }

  @Test
  void unknownKeyAskedForIsRefused() {
    assertThatThrownBy(() -> NodeConf.defaults().get("nope"))
        .isInstanceOf(ConfException.class)
        .hasMessage("unknown property 'nope'");
  }

  // ---- invalid values

  @Test
  void nonIntegerPortIsRefusedNamingKeyValueAndSource() {
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of("SILVERBACK_PG_PORT", "54x"), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("pg_port has an invalid value: '54x' (expected a port number between 1 and 65535),"
            + " from env SILVERBACK_PG_PORT");
  }

  @Test
  void proxySettingsAreCheckedNamingTheBadItem() {
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("trusted_ips", "10.0.0.0/8, 10.0.0.0/40")))
        .hasMessageContaining("trusted_ips has an invalid value")
        .hasMessageContaining("'10.0.0.0/40' has an invalid prefix length (0 to 32)");
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("headers", "Server, X-Kong-Foo")))
        .hasMessageContaining("headers has an invalid value")
        .hasMessageContaining("'X-Kong-Foo' is not one of");
    assertThat(NodeConf.load(Optional.empty(), Map.of(), Map.of("trusted_ips", "0.0.0.0/0, ::/0, unix:"))
        .list("trusted_ips")).containsExactly("0.0.0.0/0", "::/0", "unix:");
    assertThat(NodeConf.defaults().list("headers")).containsExactly("server_tokens", "latency_tokens",
        "X-Kong-Request-Id");
  }

  @Test
  void portOutOfRangeIsRefused() {
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("pg_port", "70000")))
        .hasMessageContaining("pg_port has an invalid value: '70000'")
        .hasMessageEndingWith("from flag --pg-port");
  }

  @Test
  void negativeTimeoutIsRefused() throws IOException {
    Path f = write("pg_timeout = -5\n");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(f), Map.of(), Map.of()))
        .hasMessage("pg_timeout has an invalid value: '-5' (expected a whole number, 0 or more), from " + f + ":1");
  }

  @Test
  void badBooleanIsRefusedNamingKeyValueAndSource() throws IOException {
    Path f = write("pg_ssl = yes\n");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("pg_ssl has an invalid value: 'yes' (expected on, off, true or false), from " + f + ":1");
  }

  @Test
  void booleansAcceptOnOffTrueFalse() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of("KONG_PG_SSL", "true"), Map.of("pg_ssl_verify", "on"));
    assertThat(conf.bool("pg_ssl")).isTrue();
    assertThat(conf.bool("pg_ssl_verify")).isTrue();
    assertThat(NodeConf.load(Optional.empty(), Map.of("KONG_PG_SSL", "false"), Map.of()).bool("pg_ssl")).isFalse();
  }

  @Test
  void databaseMustBePostgresOrOff() {
    assertThat(NodeConf.load(Optional.empty(), Map.of(), Map.of("database", "off")).get("database"))
        .isEqualTo("off");
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of("KONG_DATABASE", "cassandra"), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("database has an invalid value: 'cassandra' (postgres, off), from env KONG_DATABASE");
  }

  @Test
  void emptyPrefixIsRefused() {
    assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", "")))
        .hasMessage("prefix has an invalid value: '' (expected a directory), from flag --prefix");
  }

  @Test
  void typedAccessorOnAFreeTextKeyNamesKeyValueAndSource() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of("SILVERBACK_PG_USER", "bob"), Map.of());
    assertThatThrownBy(() -> conf.integer("pg_user"))
        .isInstanceOf(ConfException.class)
        .hasMessage("pg_user has an invalid value: 'bob' (expected an integer), from env SILVERBACK_PG_USER");
    assertThatThrownBy(() -> conf.bool("pg_user")).hasMessageContaining("expected on, off, true or false");
  }

  // ---- files

  @Test
  void missingConfFileIsRefusedWithItsPath() {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> NodeConf.load(Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("cannot read configuration file " + missing + ": no such file");
  }

  @Test
  void directoryAsConfFileIsRefusedWithItsPath() {
    assertThatThrownBy(() -> NodeConf.load(Optional.of(dir), Map.of(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("cannot read configuration file " + dir + ": it is a directory");
  }

  @Test
  void locateUsesTheExplicitFileFirst() throws IOException {
    Path f = write("");
    assertThat(NodeConf.locate(Optional.of(f), Map.of("SILVERBACK_CONF", "/nope"))).contains(f);
  }

  @Test
  void locateRefusesAMissingExplicitFile() {
    Path missing = dir.resolve("missing.conf");
    assertThatThrownBy(() -> NodeConf.locate(Optional.of(missing), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("no configuration file at " + missing + " (from --conf)");
  }

  @Test
  void locateFallsBackToSilverbackConfFromTheEnvironment() throws IOException {
    Path f = write("");
    assertThat(NodeConf.locate(Optional.empty(), Map.of("SILVERBACK_CONF", f.toString()))).contains(f);
    assertThatThrownBy(() -> NodeConf.locate(Optional.empty(), Map.of("SILVERBACK_CONF", "/no/such.conf")))
        .hasMessage("no configuration file at /no/such.conf (from env SILVERBACK_CONF)");
  }

  @Test
  void locateIgnoresKongConf() {
    Path system = dir.resolve("system.conf");
    assertThat(NodeConf.locate(Optional.empty(), Map.of("KONG_CONF", "/x"), system)).isEmpty();
  }

  @Test
  void locateUsesTheSystemFileOnlyWhenItExists() throws IOException {
    Path system = dir.resolve("system.conf");
    assertThat(NodeConf.locate(Optional.empty(), Map.of(), system)).isEmpty();
    Files.writeString(system, "");
    assertThat(NodeConf.locate(Optional.empty(), Map.of(), system)).contains(system);
  }

  // ---- prefix

  @Test
  void prefixExpandsTildeAndIsAbsolute() {
    String home = NodeConf.home();
    assertThat(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", "~/sb/../node")).prefix())
        .isEqualTo(Path.of(home, "node"));
    assertThat(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", "~")).prefix()).isEqualTo(Path.of(home));
    assertThat(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", "rel")).prefix())
        .isEqualTo(Path.of("rel").toAbsolutePath());
  }

  // ---- secrets

  @Test
  void passwordNeverAppearsInToStringOrRender() throws IOException {
    Path f = write("pg_password = hunter2\n");
    NodeConf conf = NodeConf.load(Optional.of(f), Map.of(), Map.of());
    assertThat(conf.get("pg_password")).isEqualTo("hunter2");
    assertThat(conf.toString()).doesNotContain("hunter2").contains("pg_password=******");
    assertThat(conf.render()).doesNotContain("hunter2").contains("pg_password = ******  # " + f + ":1");
  }

  @Test
  void aSecretGivenAsAVaultReferenceIsRenderedAsTheReference() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of(), Map.of("pg_password", "{vault://env/PG_PASSWORD}",
        "admin_token", "s3cret"));
    assertThat(conf.render()).contains("pg_password = {vault://env/PG_PASSWORD}  #", "admin_token = ******  #")
        .doesNotContain("s3cret");
  }

  @Test
  void anyKeyContainingPasswordIsSecret() {
    assertThat(NodeConf.isSecret("pg_password")).isTrue();
    assertThat(NodeConf.isSecret("pg_ro_password")).isTrue();
    assertThat(NodeConf.isSecret("pg_user")).isFalse();
  }

  @Test
  void renderEscapesHashesAndCanBeReadBack() throws IOException {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of(), Map.of("pg_schema", "a#b"));
    assertThat(conf.render()).contains("pg_schema = a\\#b  # flag --pg-schema\n");
    assertThat(fromFile(conf.render()).get("pg_schema")).isEqualTo("a#b");
  }
}
