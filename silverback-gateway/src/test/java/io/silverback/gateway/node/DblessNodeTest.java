package io.silverback.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DB-less node started and stopped in this JVM, on free loopback ports. */
class DblessNodeTest {
  private static final String ONE_SERVICE = "_format_version: '3.0'\nservices:\n- name: a\n  url: http://a.test\n";
  private static final String TWO_SERVICES = ONE_SERVICE + "- name: b\n  url: http://b.test\n";

  @TempDir
  Path dir;

  private Node node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.stop();
    }
  }

  private NodeConf conf(Map<String, String> more) {
    Map<String, String> flags = new HashMap<>(Map.of("prefix", dir.resolve("prefix").toString(), "database", "off",
        "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0"));
    flags.putAll(more);
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }

  private Path declarative(String text) throws IOException {
    Path file = dir.resolve("kong.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void startsWithTheDeclarativeFileAnswersStatusAndNoRouteAndStopsCleanly() throws IOException {
    node = Node.start(conf(Map.of("declarative_config", declarative(ONE_SERVICE).toString())));

    assertThat(node.store().count("services")).isEqualTo(1);
    HttpResponse<String> status = Http.get(node.adminPorts().get(0), "/status");
    assertThat(status.statusCode()).isEqualTo(200);
    HttpResponse<String> proxied = Http.get(node.proxyPorts().get(0), "/anything");
    assertThat(proxied.statusCode()).isEqualTo(404);
    assertThat(proxied.body()).isEqualTo("{\"message\":\"no Route matched with those values\"}");
    assertThat(proxied.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    PidFile pid = node.prefix().pidFile();
    assertThat(pid.read()).hasValue(ProcessHandle.current().pid());
    int proxyPort = node.proxyPorts().get(0);

    node.stop();

    assertThat(pid.path()).doesNotExist();
    assertThatThrownBy(() -> Http.get(proxyPort, "/")).isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void postConfigReplacesTheEntitiesTheSnapshotAndTheHashTheStatusShows() throws IOException {
    node = Node.start(conf(Map.of("declarative_config", declarative(ONE_SERVICE).toString())));
    int admin = node.adminPorts().get(0);
    String hashBefore = Json.MAPPER.readTree(Http.get(admin, "/status").body()).path("configuration_hash").asText();
    long generation = node.snapshotGeneration();

    HttpResponse<String> posted = Http.post(admin, "/config", "application/x-yaml", TWO_SERVICES);

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(node.store().count("services")).isEqualTo(2);
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (node.snapshotGeneration() == generation && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(node.snapshot().count("services")).isEqualTo(2);
    String hashAfter = Json.MAPPER.readTree(Http.get(admin, "/status").body()).path("configuration_hash").asText();
    assertThat(hashAfter).hasSize(32).isNotEqualTo(hashBefore);
    assertThat(Http.post(admin, "/services", "application/json", "{\"host\":\"x.test\"}").statusCode()).isEqualTo(405);
  }

  @Test
  void preparesThePrefixPrivateWithARedactedConfigurationAndAStableNodeId() throws IOException {
    Path prefix = dir.resolve("prefix");
    node = Node.start(conf(Map.of("declarative_config_string", ONE_SERVICE)));
    String firstId = node.id();
    node.stop();
    node = Node.start(conf(Map.of()));

    assertThat(node.id()).isEqualTo(firstId).isEqualTo(Files.readString(prefix.resolve("node_id")).strip());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prefix))).isEqualTo("rwx------");
    assertThat(prefix.resolve("logs")).isDirectory();
    String effective = Files.readString(prefix.resolve(".silverback.conf"));
    assertThat(effective).contains("database = off", "admin_listen = 127.0.0.1:0", "redacted");
  }

  @Test
  void neverWritesSecretsInTheClearInThePrefix() throws IOException {
    node = Node.start(NodeConf.load(Optional.empty(), Map.of("SILVERBACK_ADMIN_TOKEN", "t0ken-s3cret"),
        Map.of("prefix", dir.resolve("prefix").toString(), "database", "off",
            "admin_listen", "127.0.0.1:0", "proxy_listen", "off")));
    assertThat(Files.readString(dir.resolve("prefix/.silverback.conf")))
        .doesNotContain("t0ken-s3cret").contains("admin_token = ******");
    assertThat(node.proxyPorts()).isEmpty();
  }

  @Test
  void loadsTheStringWhenNoFileIsNamed() {
    node = Node.start(conf(Map.of("declarative_config_string", TWO_SERVICES)));
    assertThat(node.store().count("services")).isEqualTo(2);
  }

  @Test
  void refusesAnInvalidDeclarativeFileNamingItAndLeavesNoPidFile() throws IOException {
    Path file = declarative("_format_version: '3.0'\nservices:\n- name: a\n  url: nope\n");

    assertThatThrownBy(() -> Node.start(conf(Map.of("declarative_config", file.toString()))))
        .isInstanceOf(NodeException.class)
        .hasMessageStartingWith("error parsing declarative config file " + file + ":\n");
    assertThat(dir.resolve("prefix/pids/silverback.pid")).doesNotExist();
  }

  @Test
  void reloadSwapsTheDeclarativeFileInWithoutDroppingTheListeners() throws IOException {
    Path file = declarative(ONE_SERVICE);
    NodeConf conf = conf(Map.of("declarative_config", file.toString()));
    node = Node.start(conf);
    int adminPort = node.adminPorts().get(0);

    Files.writeString(file, TWO_SERVICES);
    assertThat(node.reload(conf)).hasValueSatisfying(s -> assertThat(s.created()).containsEntry("services", 1));

    assertThat(node.store().count("services")).isEqualTo(2);
    assertThat(Http.get(adminPort, "/status").statusCode()).isEqualTo(200);
  }

  @Test
  void aFailedReloadKeepsTheEntitiesTheNodeHad() throws IOException {
    Path file = declarative(ONE_SERVICE);
    NodeConf conf = conf(Map.of("declarative_config", file.toString()));
    node = Node.start(conf);
    Files.writeString(file, "services: [ {");

    assertThatThrownBy(() -> node.reload(conf)).hasMessageContaining("error parsing declarative config file " + file);
    assertThat(node.store().count("services")).isEqualTo(1);
  }

  @Test
  void aPortInUseFailsNamingTheKeyAndTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Node.start(conf(Map.of("admin_listen", "127.0.0.1:" + port))))
          .isInstanceOf(NodeException.class)
          .hasMessage("admin_listen 127.0.0.1:" + port + ": address already in use");
      assertThatThrownBy(() -> Node.start(conf(Map.of("proxy_listen", "127.0.0.1:" + port))))
          .hasMessage("proxy_listen 127.0.0.1:" + port + ": address already in use");
    }
    assertThat(dir.resolve("prefix/pids/silverback.pid")).doesNotExist();
  }

  @Test
  void refusesToStartWhereANodeIsRunningAndCleansAStalePidFile() throws IOException {
    node = Node.start(conf(Map.of()));
    assertThatThrownBy(() -> Node.start(conf(Map.of())))
        .hasMessageStartingWith("Silverback is already running in " + dir.resolve("prefix"));
    node.stop();

    PidFile pid = new Prefix(dir.resolve("prefix")).pidFile();
    pid.write(deadPid());
    assertThat(pid.running()).isEmpty();
    assertThat(pid.path()).doesNotExist();
    pid.write(deadPid());
    node = Node.start(conf(Map.of()));
    assertThat(pid.read()).hasValue(ProcessHandle.current().pid());
  }

  /** The pid of a process that has exited. */
  static long deadPid() {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return p.pid();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
