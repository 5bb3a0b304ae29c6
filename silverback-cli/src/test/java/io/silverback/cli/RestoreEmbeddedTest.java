package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default setup: no pg_host, so the embedded PostgreSQL under the prefix, backed up, emptied and restored. */
class RestoreEmbeddedTest {
  @TempDir
  Path prefix;

  @Test
  void aNativeRestoreBringsTheEmbeddedDatabaseBackAfterAReset() throws Exception {
    String p = prefix.toString();
    assertThat(CliRun.of("migrations", "bootstrap", "-p", p, "-q").exitCode()).isZero();
    Path seed = Files.writeString(prefix.resolve("seed.yaml"), "_format_version: \"3.0\"\nservices:\n- name: a\n"
        + "  url: http://a\n  routes:\n  - name: r\n    paths: [/a]\nconsumers:\n- username: alice\n");
    assertThat(CliRun.of("config", "db_import", seed.toString(), "-p", p, "-q").exitCode()).isZero();
    String before = CliRun.of("config", "db_export", "-", "-p", p).out();

    CliRun created = CliRun.of("backup", "create", "-p", p, "--json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Path bundle = Path.of(Json.MAPPER.readTree(created.out()).get("bundle").asText());
    assertThat(CliRun.of("migrations", "reset", "--yes", "-p", p, "-q").exitCode()).isZero();

    CliRun restored = CliRun.of("backup", "restore", bundle.toString(), "-p", p, "--json");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
    JsonNode report = Json.MAPPER.readTree(restored.out());
    assertThat(report.get("mode").asText()).isEqualTo("native");
    assertThat(report.get("entities").asInt()).isEqualTo(3);
    assertThat(CliRun.of("config", "db_export", "-", "-p", p).out()).isEqualTo(before);
  }
}
