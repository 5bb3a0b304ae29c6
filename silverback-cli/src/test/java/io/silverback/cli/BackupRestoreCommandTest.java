package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.node.Node;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code silverback backup restore} in every mode, from bundles {@code backup create} wrote. */
class BackupRestoreCommandTest {
  @RegisterExtension
  static final TestDatabase SOURCE = new TestDatabase();
  @RegisterExtension
  static final TestDatabase TARGET = new TestDatabase();

  @TempDir
  static Path prefix;
  @TempDir
  static Path backups;
  static Path bundle;
  static String expected;

  @TempDir
  Path dir;

  private static final String SHOP = """
      _format_version: "3.0"
      services:
      - name: shop
        url: http://shop.internal:8080/api
        routes:
        - name: shop-route
          paths: [/shop]
        plugins:
        - name: key-auth
      - name: catalog
        url: http://catalog.internal
      consumers:
      - username: alice
        keyauth_credentials:
        - key: alice-key
        basicauth_credentials:
        - username: alice
          password: secret
      """;

  @BeforeAll
  static void backUpTheSource() throws IOException {
    assertThat(CliRun.of(DbArgs.with(SOURCE, prefix, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    Path file = Files.writeString(backups.resolve("shop.yml"), SHOP);
    assertThat(CliRun.of(DbArgs.with(SOURCE, prefix, "config", "db_import", file.toString(), "-q")).exitCode()).isZero();
    CliRun create = CliRun.of(DbArgs.with(SOURCE, prefix, "backup", "create", "--to", backups.toString(), "-q"));
    assertThat(create.exitCode()).as(create.err()).isZero();
    try (Stream<Path> list = Files.list(backups)) {
      bundle = list.filter(p -> p.getFileName().toString().startsWith("silverback-backup-")).findFirst().orElseThrow();
    }
    expected = export(SOURCE);
  }

  @BeforeEach
  void emptyTarget() {
    assertThat(CliRun.of(DbArgs.with(TARGET, prefix, "migrations", "reset", "--yes", "-q")).exitCode()).isZero();
  }

  @Test
  void nativeRestoreFillsAnEmptyDatabaseAndReplacesAFullOneOnlyWithYes() {
    CliRun first = restore();
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("restored 7 entities from " + bundle.getFileName() + " (native) into Database[")
        .contains("  services: 2\n").contains("  loaded the ");
    assertThat(export(TARGET)).isEqualTo(expected);

    CliRun again = restore();
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(again.err()).contains("(nothing was changed)").contains("confirm to proceed (--yes)");

    CliRun confirmed = restore("--yes", "--json");
    assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
    assertThat(confirmed.out()).contains("\"mode\" : \"native\"").contains("\"entities\" : 7");
    assertThat(export(TARGET)).isEqualTo(expected);
  }

  @Test
  void declarativeRestoreBootstrapsTheDatabaseAndImportsInOneTransaction() {
    CliRun r = restore("--mode", "declarative");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("(declarative)").contains("bootstrapped schema 'public'");
    assertThat(export(TARGET)).isEqualTo(expected);
  }

  @Test
  void aTamperedBundleIsRefusedAndTheDatabaseStaysAsItWas() throws IOException {
    Path copy = dir.resolve(bundle.getFileName());
    copyTree(bundle, copy);
    Path stored;
    try (Stream<Path> files = Files.list(copy.resolve("declarative"))) {
      stored = files.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 1;
    Files.write(stored, bytes);
    CliRun r = CliRun.of(DbArgs.with(TARGET, prefix, "backup", "restore", copy.toString(), "--yes"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("declarative/" + stored.getFileName());
    assertThat(CliRun.of(DbArgs.with(TARGET, prefix, "migrations", "list")).exitCode()).isEqualTo(ExitCodes.NEEDS_BOOTSTRAP);
  }

  @Test
  void aBundleThatFailsToOpenWhileTheLoadHasBegunLeavesNoPrivateSchemaAndNoLockBehind() throws Exception {
    Path copy = dir.resolve(bundle.getFileName());
    copyTree(bundle, copy);
    Path manifest = copy.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"schema_level\"", "\"schema_levels\""));
    CliRun broken = CliRun.of(DbArgs.with(TARGET, prefix, "backup", "restore", copy.toString(), "--yes"));
    assertThat(broken.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(broken.err()).contains("manifest.json is incomplete or invalid: it holds a database dump but no"
        + " schema_level");
    try (Database d = Database.open(TARGET.conf());
         java.sql.Connection c = d.dataSource().getConnection();
         java.sql.ResultSet rs = c.createStatement().executeQuery(
             "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'public%' ORDER BY 1")) {
      java.util.List<String> schemas = new java.util.ArrayList<>();
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
      assertThat(schemas).containsExactly("public");
    }
    CliRun r = restore("--yes");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(export(TARGET)).isEqualTo(expected);
  }

  @Test
  void aDatabaseThatCannotBeReachedIsNamedAndABundleThatCannotBeOpenedIsNamedFirst() throws IOException {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String[] unreachable = {"--pg-host", "127.0.0.1", "--pg-port", String.valueOf(closed), "--pg-user", "postgres",
        "-p", dir.resolve("prefix").toString(), "--yes"};
    CliRun r = CliRun.of(concat(new String[] {"backup", "restore", bundle.toString()}, unreachable));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("127.0.0.1:" + closed).contains("connection refused");

    CliRun missing = CliRun.of(concat(new String[] {"backup", "restore", dir.resolve("no-such-bundle").toString()},
        unreachable));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(missing.err()).contains("no-such-bundle").doesNotContain("connection refused");
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @Test
  void dblessRestoreWritesTheFileTheTargetNames() throws IOException {
    Path file = dir.resolve("kong.yml");
    CliRun r = CliRun.of("backup", "restore", bundle.toString(), "--mode", "dbless", "--target", file.toString(),
        "-p", dir.resolve("prefix").toString(), "--set", "database=off");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("(dbless) into " + file);
    assertThat(json(DeclarativeConfigParser.of(EntityRegistry.standard()).parseFile(file).orThrow().config()))
        .isEqualTo(expected);
  }

  @Test
  void dblessRestorePostsTheConfigToARunningNode() throws InterruptedException {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("node").toString(),
        "database", "off", "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0"));
    Node node = Node.start(conf);
    try {
      String admin = "http://127.0.0.1:" + node.adminPorts().get(0);
      CliRun r = CliRun.of("backup", "restore", bundle.toString(), "--mode", "dbless", "--target", admin,
          "-p", dir.resolve("prefix").toString(), "--set", "database=off");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("into " + admin + "/config");
      // the node swaps its snapshot in off the request (coalesced rebuilds), so give it a moment
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!json(node.snapshot()).equals(expected) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(json(node.snapshot())).isEqualTo(expected);
    } finally {
      node.stop();
    }
  }

  private CliRun restore(String... more) {
    String[] args = Stream.concat(Stream.of("backup", "restore", bundle.toString()), Stream.of(more)).toArray(String[]::new);
    return CliRun.of(DbArgs.with(TARGET, prefix, args));
  }

  private static String export(TestDatabase db) {
    try (Database d = Database.open(db.conf())) {
      return json(new PostgresStore(d.dataSource(), EntityRegistry.standard(), d.schema(), Clock.systemUTC()).export());
    }
  }

  private static String json(Config config) {
    return new String(DeclarativeWriter.toBytes(config, DeclarativeReader.Syntax.JSON), StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
