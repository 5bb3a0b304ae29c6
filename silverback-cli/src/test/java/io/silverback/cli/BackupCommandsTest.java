package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.store.testing.TestDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  @TempDir
  static Path prefix;

  @TempDir
  Path dir;

  @BeforeAll
  static void seed() throws IOException {
    assertThat(CliRun.of(DbArgs.with(DB, prefix, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    Path seed = Files.writeString(prefix.resolve("seed.yaml"), """
        _format_version: "3.0"
        services:
        - name: orders
          url: http://orders.internal
          routes:
          - name: orders
            paths: [/orders]
        consumers:
        - username: alice
          keyauth_credentials:
          - key: alice-key
        """);
    assertThat(CliRun.of(DbArgs.with(DB, prefix, "config", "db_import", seed.toString(), "-q")).exitCode()).isZero();
  }

  @Test
  void createsVerifiesListsShowsAndPrunesBundles() throws IOException {
    CliRun created = run("backup", "create", "--to", dir.toString(), "--native", "builtin", "--json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode summary = Json.MAPPER.readTree(created.out());
    Path bundle = Path.of(summary.get("bundle").asText());
    assertThat(summary.get("entity_counts").get("services").asInt()).isEqualTo(1);
    assertThat(summary.get("dump_method").asText()).isEqualTo("builtin");

    CliRun verified = run("backup", "verify", bundle.toString());
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).isEqualTo("verified\n");

    CliRun second = run("backup", "create", "--to", dir.toString(), "--archive", "-q");
    assertThat(second.exitCode()).as(second.err()).isZero();
    CliRun listed = run("backup", "list", "--dir", dir.toString(), "--json");
    assertThat(Json.MAPPER.readTree(listed.out()).get("bundles")).hasSize(2);
    List<String> table = run("backup", "list", "--dir", dir.toString()).out().lines().toList();
    assertThat(table).hasSize(3);
    for (String row : table.subList(1, 3)) {
      // the creation time to the second, so that every column starts under its heading
      assertThat(row.substring(table.get(0).indexOf("CREATED"))).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*");
      assertThat(row.substring(table.get(0).indexOf("MODE"))).startsWith("postgres ");
    }

    CliRun shown = CliRun.of("backup", "show", bundle.toString());
    assertThat(shown.out()).contains("mode:               postgres", "dump:               builtin",
        "entities:           4 (consumers 1, keyauth_credentials 1, routes 1, services 1)", "database/dump.json.zst");

    CliRun pruned = run("backup", "prune", "--keep", "1", "--dir", dir.toString());
    assertThat(pruned.exitCode()).isZero();
    assertThat(pruned.out()).contains("deleted " + bundle);
    assertThat(bundle).doesNotExist();
  }

  @Test
  void verifyNamesTheDamagedFileAndExitsSix() throws IOException {
    Path bundle = create("--native", "builtin");
    Path declarative = bundle.resolve("declarative/kong.json.zst");
    try (RandomAccessFile raf = new RandomAccessFile(declarative.toFile(), "rw")) {
      raf.seek(10);
      int b = raf.read();
      raf.seek(10);
      raf.write(b ^ 1);
    }

    CliRun verified = run("backup", "verify", bundle.toString());

    assertThat(verified.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(verified.err()).contains("file declarative/kong.json.zst fails its SHA-256 check");
  }

  @Test
  void deepVerifyRestoresIntoAScratchDatabase() throws IOException {
    Path bundle = create("--native", "pg_dump");

    CliRun verified = run("backup", "verify", bundle.toString(), "--deep");

    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).startsWith("verified (restored the dump into silverback_verify_")
        .contains("4 (consumers 1, keyauth_credentials 1, routes 1, services 1), no difference",
            "a read-only node served 4 entities through its Admin API", "and compiled 1 routes");
  }

  @Test
  void encryptsWithAKeyFileAndNeedsItToVerify() throws IOException {
    Path key = Files.writeString(dir.resolve("backup.key"), "ab".repeat(32));
    Path other = Files.writeString(dir.resolve("other.key"), "cd".repeat(32));
    Path bundle = create("--key-file", key.toString(), "--archive");

    assertThat(run("backup", "verify", bundle.toString(), "--key-file", key.toString()).exitCode()).isZero();
    CliRun wrong = run("backup", "verify", bundle.toString(), "--key-file", other.toString());
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(wrong.err()).contains("wrong key file " + other);
  }

  @Test
  void aConfiguredBackupKeyFileEncryptsWithoutAFlagAndReadsBackWithoutOne() throws IOException {
    Path key = Files.writeString(dir.resolve("configured.key"), "ef".repeat(32));

    Path bundle = create("--set", "backup_key_file=" + key);

    assertThat(CliRun.of("backup", "show", bundle.toString()).out()).contains("key_file");
    CliRun verified = run("backup", "verify", bundle.toString(), "--set", "backup_key_file=" + key);
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    CliRun without = run("backup", "verify", bundle.toString(), "--key-file", dir.resolve("nope.key").toString());
    assertThat(without.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
  }

  @Test
  void backsUpADblessNode() throws IOException {
    Path file = Files.writeString(dir.resolve("kong.yml"), "_format_version: \"3.0\"\nservices:\n- name: a\n  url: http://a\n");

    CliRun created = CliRun.of("backup", "create", "-p", prefix.toString(), "--set", "database=off",
        "--set", "declarative_config=" + file, "--to", dir.resolve("b").toString());

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("database:  none (DB-less)", "entities:  1 (services 1)");
  }

  @Test
  void refusesBothNativeAndNoNative() {
    CliRun r = run("backup", "create", "--to", dir.toString(), "--native", "builtin", "--no-native");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--native and --no-native exclude each other");
  }

  private Path create(String... options) {
    List<String> args = new ArrayList<>(List.of("backup", "create", "--to", dir.toString(), "--json"));
    args.addAll(Arrays.asList(options));
    CliRun created = run(args.toArray(new String[0]));
    assertThat(created.exitCode()).as(created.err()).isZero();
    try {
      return Path.of(Json.MAPPER.readTree(created.out()).get("bundle").asText());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static CliRun run(String... command) {
    return CliRun.of(DbArgs.with(DB, prefix, command));
  }
}
