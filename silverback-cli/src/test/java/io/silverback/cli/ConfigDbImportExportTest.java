package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConfigDbImportExportTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final TestDatabase SECOND = new TestDatabase();

  @TempDir
  static Path prefix;

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
      consumers:
      - username: alice
        keyauth_credentials:
        - id: 6b5e8d34-7c2e-4d4f-9a55-3c1f2f6b0a01
          key: alice-key
        basicauth_credentials:
        - id: 0c8f3b0e-2f55-4d2a-8a3e-9d4c7a1b2c3d
          username: alice
          password: secret
      """;

  @BeforeAll
  static void bootstrap() {
    assertThat(CliRun.of(DbArgs.with(DB, prefix, "migrations", "bootstrap")).exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(SECOND, prefix, "migrations", "bootstrap")).exitCode()).isZero();
  }

  @BeforeEach
  void empty() {
    assertThat(CliRun.of(DbArgs.with(DB, prefix, "migrations", "reset", "--yes", "-q")).exitCode()).isZero();
    assertThat(CliRun.of(DbArgs.with(DB, prefix, "migrations", "bootstrap", "-q")).exitCode()).isZero();
  }

  private CliRun run(String... command) {
    return CliRun.of(DbArgs.with(DB, prefix, command));
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void importCreatesEveryEntityAndASecondImportChangesNothing() throws IOException {
    Path f = file("shop.yaml", SHOP);
    CliRun first = run("config", "db_import", f.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("db_import successful: 6 created, 0 updated, 0 unchanged\n")
        .contains("  created services: 1\n").contains("  created basicauth_credentials: 1\n");
    CliRun second = run("config", "db_import", f.toString(), "--json");
    assertThat(second.out()).contains("\"created\" : { }").contains("\"unchanged\" : 6");
  }

  @Test
  void dryRunReportsTheChangesAndWritesNothing() throws IOException {
    Path f = file("shop.yaml", SHOP);
    CliRun dry = run("config", "db_import", f.toString(), "--dry-run");
    assertThat(dry.out()).startsWith("dry run, nothing written: 6 created, 0 updated, 0 unchanged");
    assertThat(run("config", "db_export", "-").out()).startsWith("_format_version: \"3.0\"").doesNotContain("shop");
  }

  @Test
  void anInvalidFileIsRefusedNamingTheEntityAndFieldAndNothingIsWritten() throws IOException {
    Path f = file("bad.yaml", SHOP + "upstreams:\n- name: u\n  slots: 1\n");
    CliRun r = run("config", "db_import", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("failed importing " + f).contains("upstreams").contains("slots");
    assertThat(run("config", "db_export", "-").out()).doesNotContain("shop");
  }

  @Test
  void aConflictWithTheDatabaseRollsBackTheWholeImport() throws IOException {
    assertThat(run("config", "db_import", file("one.yaml", """
        _format_version: "3.0"
        services:
        - id: 11111111-1111-4111-8111-111111111111
          name: shop
          url: http://elsewhere.internal
        """).toString()).exitCode()).isZero();
    String before = run("config", "db_export", "-").out();
    assertThat(before).contains("elsewhere.internal");
    CliRun r = run("config", "db_import", file("shop.yaml", SHOP).toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("(nothing was written): services: UNIQUE violation detected on '{name=\"shop\"}'");
    assertThat(run("config", "db_export", "-").out()).isEqualTo(before);
  }

  @Test
  void exportImportExportIsByteIdenticalAndKeepsPasswordHashes() throws IOException {
    assertThat(run("config", "db_import", file("shop.yaml", SHOP).toString()).exitCode()).isZero();
    Path first = dir.resolve("first.yaml");
    CliRun export = run("config", "db_export", first.toString());
    assertThat(export.out()).isEqualTo("exported 6 entities to " + first + "\n");
    assertThat(Files.readString(first)).contains("_transform: false").doesNotContain("password: \"secret\"");
    assertThat(CliRun.of("config", "parse", first.toString()).out()).isEqualTo("parse successful\n");

    assertThat(CliRun.of(DbArgs.with(SECOND, prefix, "config", "db_import", first.toString())).exitCode()).isZero();
    Path second = dir.resolve("second.yaml");
    assertThat(CliRun.of(DbArgs.with(SECOND, prefix, "config", "db_export", second.toString())).exitCode()).isZero();
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void exportWritesAnOwnerOnlyFileAndRefusesToOverwriteWithoutForce() throws IOException {
    Path out = file("kong.json", "{}");
    CliRun refused = run("config", "db_export", out.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(refused.err()).contains(out + " already exists. Will not overwrite it");
    assertThat(Files.readString(out)).isEqualTo("{}");
    CliRun forced = run("config", "db_export", out.toString(), "--force", "--json");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).contains("\"entities\" : 0");
    assertThat(Files.readString(out)).startsWith("{").contains("\"_format_version\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
  }

  @Test
  void commandsRefuseADatabaseThatNeedsBootstrapping() throws IOException {
    CliRun reset = run("migrations", "reset", "--yes");
    assertThat(reset.exitCode()).isZero();
    CliRun r = run("config", "db_import", file("shop.yaml", SHOP).toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("Database needs bootstrapping");
  }

  @Test
  void dbLessModeIsRefusedWithKongsMessage() {
    CliRun r = run("config", "db_export", "-", "--set", "database=off");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("'silverback config db_export' only works with a database");
  }
}
