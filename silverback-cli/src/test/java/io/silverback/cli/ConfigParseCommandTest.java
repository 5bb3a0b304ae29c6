package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParseCommandTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "kong.yaml");

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void acceptsTheExampleFile() {
    CliRun run = CliRun.of("config", "parse", EXAMPLE.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("parse successful\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void printsEntityCountsAsJson() throws Exception {
    CliRun run = CliRun.of("config", "parse", "--json", EXAMPLE.toString());
    JsonNode body = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isZero();
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("counts").get("services").asInt()).isEqualTo(2);
    assertThat(body.get("counts").get("keyauth_credentials").asInt()).isEqualTo(2);
    assertThat(body.get("configuration_hash").asText()).hasSize(32);
  }

  @Test
  void printsKongsIndentedReportForAnInvalidFileAndExitsOne() throws Exception {
    Path f = write("bad.yaml", """
        _format_version: "3.0"
        services:
          - host: 12
            port: 99999
            routes: nope
        """);
    CliRun run = CliRun.of("config", "parse", f.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(String.join("\n",
        "Error: Failed parsing:",
        "in 'services':",
        "  - in entry 1 of 'services':",
        "    in 'host': expected a string",
        "    in 'port': value should be between 0 and 65535",
        "    in 'routes': expected an array",
        "",
        "  Run with --v (verbose) or --vv (debug) for more details",
        ""));

    CliRun verbose = CliRun.of("config", "parse", f.toString(), "--v");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).startsWith("Error: Failed parsing:\n").doesNotContain("Run with --v");
  }

  @Test
  void printsFlattenedErrorsAsJson() throws Exception {
    Path f = write("bad.json", "{\"_format_version\":\"3.0\",\"consumers\":[{\"username\":\"a\",\"tags\":[1]}]}");
    CliRun run = CliRun.of("config", "parse", "--json", f.toString());
    JsonNode body = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("flattened_errors").get(0).get("errors").get(0).toString())
        .isEqualTo("{\"type\":\"field\",\"field\":\"tags.1\",\"message\":\"expected a string\"}");
  }

  @Test
  void namesAMissingFile() {
    CliRun run = CliRun.of("config", "parse", dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no such file: ").contains("nope.yaml");
  }

  @Test
  void refusesAnUnknownFileType() throws Exception {
    Path f = write("kong.toml", "x = 1");
    CliRun run = CliRun.of("config", "parse", f.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown file type: " + f.toAbsolutePath() + ". (Accepted types: json, yaml)");
  }

  @Test
  void reportsMalformedYamlWithItsPosition() throws Exception {
    Path f = write("broken.yaml", "_format_version: \"3.0\"\nservices:\n  - name: [unclosed\n");
    CliRun run = CliRun.of("config", "parse", f.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("failed parsing declarative configuration:").contains("line ");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    CliRun run = CliRun.of("config", "parse");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"config", "--help"}, {"config", "parse", "--help"}, {"version", "--help"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).contains("Usage: silverback");
    }
  }

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun run = CliRun.of("version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().trim()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(CliRun.of("version", "--json").out()).contains("\"kong_compatible\":\"3.10.0\"");
  }

  @Test
  void refusesAFileTooLargeForTheHeapUpFrontNamingTheHeapItNeeds() throws Exception {
    Path big = dir.resolve("huge.json");
    long size = Runtime.getRuntime().maxMemory() / HeapGuard.BYTES_PER_FILE_BYTE + (1 << 20);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(size); // sparse: takes no disk space
    }
    CliRun run = CliRun.of("config", "parse", big.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(big.toString()).contains("MB of heap").contains("SILVERBACK_JAVA_OPTS=-Xmx");
  }
}
