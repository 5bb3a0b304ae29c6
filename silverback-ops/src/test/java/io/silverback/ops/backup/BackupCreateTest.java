package io.silverback.ops.backup;

import static io.silverback.ops.backup.ShopDatabase.create;
import static io.silverback.ops.backup.ShopDatabase.json;
import static io.silverback.ops.backup.ShopDatabase.parse;
import static io.silverback.ops.backup.ShopDatabase.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackupCreateTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static ShopDatabase fixture;
  static Database db;
  static PostgresStore store;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    fixture = ShopDatabase.load(Database.open(DB.conf()));
    db = fixture.db();
    store = fixture.store();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DumpMethod.class, names = {"BUILTIN", "PG_DUMP"})
  void storesTheDumpAndTheExportOfOneSnapshot(DumpMethod method) throws IOException {
    Path prefix = prefix();
    List<String> steps = new ArrayList<>();

    BackupCreate.Result result = create().fromDatabase(db, prefix,
        BackupOptions.into(dir.resolve("backups")).withDumpMethod(method).withProgress(steps::add));

    Manifest manifest = result.bundle().manifest().manifest();
    assertThat(manifest.mode()).isEqualTo("postgres");
    assertThat(manifest.schemaLevel()).isEqualTo("1");
    assertThat(manifest.postgresVersion()).startsWith("15.");
    assertThat(manifest.dumpMethod()).isEqualTo(method == DumpMethod.BUILTIN ? "builtin" : "pg_dump");
    assertThat(manifest.entityCounts()).isEqualTo(store.export().counts());
    assertThat(manifest.nodeId()).isEqualTo("0b9e5a57-3c4e-4b51-8f0c-6c1d2e3f4a5b");
    assertThat(steps).anyMatch(s -> s.startsWith("Dumping the database"));
    try (Stream<Path> left = Files.list(dir.resolve("backups"))) {
      assertThat(left).as("no scratch dump or staging directory is left").containsExactly(result.bundle().path());
    }
    try (Bundle bundle = Bundle.open(result.bundle().path(), null)) {
      bundle.verify();
      bundle.extract("declarative", dir.resolve("decl"));
      bundle.extract("database", dir.resolve("db"));
      bundle.extract("prefix", dir.resolve("prefix"));
      bundle.extract("keyring", dir.resolve("keyring"));
    }
    assertThat(json(parse(dir.resolve("decl/kong.json")))).isEqualTo(json(store.export()));
    assertThat(dir.resolve("db/dump.json")).exists();
    assertThat(dir.resolve("prefix/ssl/server.crt")).hasContent("CERT");
    assertThat(dir.resolve("prefix/.silverback.conf")).hasContent("pg_password = ******");
    assertThat(dir.resolve("prefix/logs")).doesNotExist();
    assertThat(dir.resolve("keyring/keyring.json")).hasContent("[]");
  }

  @Test
  void encryptsEverythingWithAPassphrase() {
    Secret secret = Secret.ofPassphrase("backup pass".toCharArray());

    BackupCreate.Result result = create().fromDatabase(db, null,
        BackupOptions.into(dir).withSecret(secret).withArchive(true).withDumpMethod(DumpMethod.BUILTIN));

    assertThat(result.bundle().path().getFileName().toString()).endsWith(".sbk");
    try (Bundle bundle = Bundle.open(result.bundle().path(), secret)) {
      assertThat(bundle.manifest().encrypted()).isTrue();
      assertThat(bundle.manifest().sha256().keySet()).allMatch(p -> p.endsWith(".zst.enc"));
      bundle.verify();
      bundle.extract("declarative", dir.resolve("decl"));
    }
    assertThat(json(parse(dir.resolve("decl/kong.json")))).isEqualTo(json(store.export()));
  }

  @Test
  void skipsTheNativeDumpOrTheExportWhenAsked() {
    Path noNative = create().fromDatabase(db, null, BackupOptions.into(dir).withDumpMethod(null)).bundle().path();
    Path noDeclarative = create().fromDatabase(db, null,
        BackupOptions.into(dir).withDumpMethod(DumpMethod.BUILTIN).withDeclarative(false)).bundle().path();

    try (Bundle bundle = Bundle.open(noNative, null)) {
      assertThat(bundle.manifest().hasSection("database")).isFalse();
      assertThat(bundle.manifest().dumpMethod()).isNull();
      assertThat(bundle.manifestFile().notes()).anyMatch(n -> n.contains("--no-native"));
    }
    try (Bundle bundle = Bundle.open(noDeclarative, null)) {
      assertThat(bundle.manifest().hasSection("declarative")).isFalse();
      assertThat(bundle.manifest().entityCounts()).containsEntry("services", store.export().count("services"));
    }
  }

  @Test
  void backsUpADblessNodeFromItsDeclarativeFile() throws IOException {
    Path file = dir.resolve("kong.yml");
    Files.write(file, DeclarativeWriter.toBytes(shop(), DeclarativeReader.Syntax.YAML));

    BackupCreate.Result result = create().dbless(file, prefix(), BackupOptions.into(dir.resolve("backups")));

    Manifest manifest = result.bundle().manifest().manifest();
    assertThat(manifest.mode()).isEqualTo("off");
    assertThat(manifest.schemaLevel()).isNull();
    assertThat(manifest.hasSection("database")).isFalse();
    assertThat(manifest.entityCounts()).isEqualTo(shop().counts());
    try (Bundle bundle = Bundle.open(result.bundle().path(), null)) {
      bundle.extract("declarative", dir.resolve("decl"));
    }
    assertThat(json(parse(dir.resolve("decl/kong.json")))).isEqualTo(json(parse(file)));
  }

  @Test
  void refusesAnInvalidDeclarativeFileAndLeavesNothing() throws IOException {
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- name: a\n");

    assertThatThrownBy(() -> create().dbless(file, null, BackupOptions.into(dir.resolve("backups"))))
        .isInstanceOf(BackupException.class).hasMessageContaining("cannot back up declarative_config " + file);
    assertThat(new BackupDirectory(dir.resolve("backups")).list()).isEqualTo(new BackupDirectory.Listing(List.of(), List.of()));
  }

  @Test
  void keepsVaultReferencesAndListsTheRedactedKeysInTheManifest() throws IOException {
    Path prefix = prefix();
    Files.writeString(prefix.resolve(".silverback.conf"), "# header\npg_password = ******  # flag --pg-password\n"
        + "admin_token = ******  # env SILVERBACK_ADMIN_TOKEN\nssl_cert_key = {vault://env/SSL_KEY}  # /etc/sb.conf:3\n"
        + "pg_user = kong  # default\n");

    BackupCreate.Result result = create().fromDatabase(db, prefix, BackupOptions.into(dir.resolve("b")).withDumpMethod(null));

    List<String> notes = result.bundle().manifest().notes();
    assertThat(ConfSecrets.redactedKeys(notes)).containsExactly("pg_password", "admin_token");
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("kept as written (ssl_cert_key)"));
    try (Bundle bundle = Bundle.open(result.bundle().path(), null)) {
      assertThat(ConfSecrets.redactedKeys(bundle.manifestFile().notes())).containsExactly("pg_password", "admin_token");
      bundle.extract("prefix", dir.resolve("out"));
    }
    assertThat(Files.readString(dir.resolve("out/.silverback.conf"))).contains("ssl_cert_key = {vault://env/SSL_KEY}");
  }

  private Path prefix() throws IOException {
    Path prefix = dir.resolve("prefix-in");
    Files.createDirectories(prefix.resolve("ssl"));
    Files.createDirectories(prefix.resolve("logs"));
    Files.writeString(prefix.resolve("ssl/server.crt"), "CERT");
    Files.writeString(prefix.resolve("logs/error.log"), "log");
    Files.writeString(prefix.resolve(".silverback.conf"), "pg_password = ******");
    Files.writeString(prefix.resolve("node_id"), "0b9e5a57-3c4e-4b51-8f0c-6c1d2e3f4a5b\n");
    return prefix;
  }
}
