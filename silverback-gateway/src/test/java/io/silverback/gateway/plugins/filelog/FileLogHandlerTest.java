package io.silverback.gateway.plugins.filelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogHandlerTest {
  @TempDir
  Path prefix;

  private static TestExchange served(int status) {
    return new TestExchange(null).response(status, Map.of());
  }

  @Test
  void appendsOneJsonLinePerRequestRelativeToThePrefix() throws Exception {
    FileLogHandler handler = new FileLogHandler(prefix);
    JsonNode config = PluginConfigs.config("file-log", "{\"path\":\"logs/requests.log\"}");
    Files.createDirectories(prefix.resolve("logs"));

    handler.log(served(200), config);
    handler.log(served(404), config);
    handler.flush().get(5, TimeUnit.SECONDS);

    Path file = prefix.resolve("logs/requests.log");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(Json.MAPPER.readTree(lines.get(1)).path("response").path("status").asInt()).isEqualTo(404);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    handler.close();
  }

  @Test
  void reopenFollowsARotatedFile() throws Exception {
    FileLogHandler handler = new FileLogHandler(prefix);
    Path file = prefix.resolve("rotating.log");
    JsonNode config = PluginConfigs.config("file-log", "{\"path\":\"" + file + "\",\"reopen\":true}");

    handler.log(served(200), config);
    handler.flush().get(5, TimeUnit.SECONDS);
    Files.move(file, prefix.resolve("rotating.log.1"));
    handler.log(served(201), config);
    handler.flush().get(5, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.contains("\"status\":201"));
    assertThat(Files.readAllLines(prefix.resolve("rotating.log.1"))).hasSize(1);
    handler.close();
  }

  @Test
  void withoutReopenKeepsWritingToTheOpenFile() throws Exception {
    FileLogHandler handler = new FileLogHandler(prefix);
    Path file = prefix.resolve("kept.log");
    JsonNode config = PluginConfigs.config("file-log", "{\"path\":\"" + file + "\"}");

    handler.log(served(200), config);
    handler.flush().get(5, TimeUnit.SECONDS);
    Files.move(file, prefix.resolve("kept.log.1"));
    handler.log(served(201), config);
    handler.flush().get(5, TimeUnit.SECONDS);

    assertThat(file).doesNotExist();
    assertThat(Files.readAllLines(prefix.resolve("kept.log.1"))).hasSize(2);
    handler.close();
  }
}
