package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default setup: no pg_host, so the embedded PostgreSQL under the prefix, and bundles in {@code <prefix>/backups}. */
class BackupEmbeddedTest {
  @TempDir
  Path prefix;

  @Test
  void backsUpTheEmbeddedDatabaseIntoThePrefixAndRestoresItDeeply() throws Exception {
    assertThat(CliRun.of("migrations", "bootstrap", "-p", prefix.toString(), "-q").exitCode()).isZero();
    Path seed = Files.writeString(prefix.resolve("seed.yaml"),
        "_format_version: \"3.0\"\nservices:\n- name: a\n  url: http://a\n  routes:\n  - paths: [/a]\n");
    assertThat(CliRun.of("config", "db_import", seed.toString(), "-p", prefix.toString(), "-q").exitCode()).isZero();

    CliRun created = CliRun.of("backup", "create", "-p", prefix.toString(), "--json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Path bundle = Path.of(Json.MAPPER.readTree(created.out()).get("bundle").asText());
    assertThat(bundle.getParent()).isEqualTo(prefix.resolve("backups").toAbsolutePath());

    JsonNode listed = Json.MAPPER.readTree(CliRun.of("backup", "list", "-p", prefix.toString(), "--json").out());
    assertThat(listed.get("bundles")).hasSize(1);

    CliRun verified = CliRun.of("backup", "verify", bundle.toString(), "--deep", "-p", prefix.toString());
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("2 (routes 1, services 1), no difference");
  }
}
