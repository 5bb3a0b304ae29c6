package io.silverback.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import io.silverback.store.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill (issue 6): a node on PostgreSQL is configured through its Admin API and what
 * its proxy answers to a table of requests is recorded; a bundle is created, the configuration is
 * broken, the bundle restored, and the same requests must get exactly the same answers, from the
 * same node (native restore) and from a second node on a fresh database (declarative restore).
 *
 * <p>The command line runs in its own prefix, not the node's: a restore sends SIGHUP to the node
 * running in its prefix, and the node here runs inside the test's JVM.
 */
class RestoreDrillTest {
  @RegisterExtension
  static final TestDatabase SOURCE = new TestDatabase();
  @RegisterExtension
  static final TestDatabase FRESH = new TestDatabase();

  private static final long SERVE_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The requests of the drill, by description. */
  private static final Map<String, Probe> PROBES = probes(
      new Probe("GET", "/alpha/x?q=1", "any.test", ""),
      new Probe("GET", "/keep/y", "any.test", ""),
      new Probe("GET", "/anything", "beta.test", ""),
      new Probe("POST", "/anything", "beta.test", ""),
      new Probe("GET", "/pool/z", "any.test", ""),
      new Probe("GET", "/secure/s", "any.test", ""),
      new Probe("GET", "/secure/s", "any.test", "apikey: alice-key"),
      new Probe("GET", "/bogus", "any.test", ""));

  /** What the configuration of {@link #configure} answers: status, then the upstream's name and the target it saw. */
  private static final Map<String, String> CONFIGURED = answers(
      "200 alpha /a/x?q=1", "200 alpha /a/keep/y", "200 beta /b/anything", "404 gateway",
      "200 alpha /p/z", "401 gateway", "200 beta /b/s", "404 gateway");

  /** What it answers after {@link #breakTheConfiguration}. */
  private static final Map<String, String> BROKEN = answers(
      "200 alpha /elsewhere/x?q=1", "404 gateway", "200 beta /b/anything", "404 gateway",
      "503 gateway", "401 gateway", "401 gateway", "200 beta /b");

  @TempDir
  static Path cli;
  @TempDir
  static Path backups;

  static NamedUpstream alpha;
  static NamedUpstream beta;
  static Node node;
  static Map<String, String> recorded;
  static Path builtinBundle;
  static Path pgDumpBundle;

  @BeforeAll
  static void configureRecordAndBackUp() {
    alpha = NamedUpstream.start("alpha");
    beta = NamedUpstream.start("beta");
    assertThat(CliRun.of(DbArgs.with(SOURCE, cli, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    node = Node.start(SOURCE.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0")));
    configure(node.adminPorts().get(0));
    recorded = servedWithin(node, CONFIGURED);
    assertThat(recorded).as("what the configured node answers").isEqualTo(CONFIGURED);
    builtinBundle = backUp("builtin");
    pgDumpBundle = onPath("pg_dump") && onPath("pg_restore") ? backUp("pg_dump") : null;
  }

  @AfterAll
  static void stopEverything() {
    if (node != null) {
      node.stop();
    }
    alpha.close();
    beta.close();
  }

  @Test
  void nativeRestoreOfABuiltinDumpBringsBackEveryAnswerOfTheRunningNode() {
    breakTheConfiguration(node);

    restoreInto(SOURCE, node, builtinBundle);
  }

  @Test
  void nativeRestoreOfAPgDumpBringsBackEveryAnswerOfTheRunningNode() {
    assumeTrue(pgDumpBundle != null, "pg_dump and pg_restore are not on the PATH");
    breakTheConfiguration(node);

    restoreInto(SOURCE, node, pgDumpBundle);
  }

  @Test
  void declarativeRestoreIntoAFreshDatabaseGivesASecondNodeTheSameAnswers() {
    assertThat(CliRun.of(DbArgs.with(FRESH, cli, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    Node second = Node.start(FRESH.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0")));
    try {
      assertThat(answers(second)).as("an empty database routes nothing").containsOnlyKeys(PROBES.keySet())
          .allSatisfy((probe, answer) -> assertThat(answer).isEqualTo("404 gateway"));

      restoreInto(FRESH, second, builtinBundle, "--mode", "declarative");
    } finally {
      second.stop();
    }
  }

  /** Two services on the two upstreams, one through an upstream entity, four routes, key-auth on one. */
  private static void configure(int admin) {
    String a = "http://127.0.0.1:" + alpha.port();
    String b = "http://127.0.0.1:" + beta.port();
    write(admin, "POST", "/services", "{\"name\":\"alpha-svc\",\"url\":\"" + a + "/a\"}");
    write(admin, "POST", "/services/alpha-svc/routes", "{\"name\":\"alpha-strip\",\"paths\":[\"/alpha\"]}");
    write(admin, "POST", "/services/alpha-svc/routes",
        "{\"name\":\"alpha-keep\",\"paths\":[\"/keep\"],\"strip_path\":false}");
    write(admin, "POST", "/services", "{\"name\":\"beta-svc\",\"url\":\"" + b + "/b\"}");
    write(admin, "POST", "/services/beta-svc/routes",
        "{\"name\":\"beta-host\",\"hosts\":[\"beta.test\"],\"methods\":[\"GET\"]}");
    write(admin, "POST", "/services/beta-svc/routes", "{\"name\":\"secure\",\"paths\":[\"/secure\"]}");
    write(admin, "POST", "/routes/secure/plugins", "{\"name\":\"key-auth\"}");
    write(admin, "POST", "/upstreams", "{\"name\":\"pool\"}");
    write(admin, "POST", "/upstreams/pool/targets", "{\"target\":\"127.0.0.1:" + alpha.port() + "\"}");
    write(admin, "POST", "/services", "{\"name\":\"pooled\",\"host\":\"pool\",\"path\":\"/p\"}");
    write(admin, "POST", "/services/pooled/routes", "{\"name\":\"pool\",\"paths\":[\"/pool\"]}");
    write(admin, "POST", "/consumers", "{\"username\":\"alice\"}");
    write(admin, "POST", "/consumers/alice/key-auth", "{\"key\":\"alice-key\"}");
  }

  /** Deletes a route, moves a service's path, deletes the consumer and the only target, adds a route. */
  private static void breakTheConfiguration(Node target) {
    int admin = target.adminPorts().get(0);
    write(admin, "DELETE", "/routes/alpha-keep", "");
    write(admin, "PATCH", "/services/alpha-svc", "{\"path\":\"/elsewhere\"}");
    write(admin, "DELETE", "/consumers/alice", "");
    write(admin, "DELETE", "/upstreams/pool/targets/127.0.0.1:" + alpha.port(), "");
    write(admin, "POST", "/services/beta-svc/routes", "{\"name\":\"bogus\",\"paths\":[\"/bogus\"]}");
    assertThat(servedWithin(target, BROKEN)).as("what the broken node answers").isEqualTo(BROKEN);
  }

  private static Path backUp(String nativeMethod) {
    CliRun create = CliRun.of(DbArgs.with(SOURCE, cli, "backup", "create", "--to", backups.toString(),
        "--native", nativeMethod, "--json"));
    assertThat(create.exitCode()).as(create.err()).isZero();
    try {
      return Path.of(Json.MAPPER.readTree(create.out()).get("bundle").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Restores {@code bundle} into {@code db} and asserts that {@code serving} moves to a new snapshot answering as recorded. */
  private static void restoreInto(TestDatabase db, Node serving, Path bundle, String... more) {
    long generation = serving.snapshotGeneration();
    String[] args = Stream.concat(Stream.of("backup", "restore", bundle.toString(), "--yes"), Stream.of(more))
        .toArray(String[]::new);
    CliRun restore = CliRun.of(DbArgs.with(db, cli, args));
    assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();

    assertThat(servedWithin(serving, recorded)).as("what the node answers after restoring " + bundle.getFileName())
        .isEqualTo(recorded);
    assertThat(serving.snapshotGeneration()).as("snapshot generation").isGreaterThan(generation);
  }

  /** The node's answers once they equal {@code expected}, or its last answers after 5 s. */
  private static Map<String, String> servedWithin(Node serving, Map<String, String> expected) {
    long deadline = System.nanoTime() + SERVE_WITHIN_NANOS;
    Map<String, String> answers = answers(serving);
    while (!answers.equals(expected) && System.nanoTime() < deadline) {
      pause();
      answers = answers(serving);
    }
    return answers;
  }

  private static Map<String, String> answers(Node serving) {
    Map<String, String> answers = new LinkedHashMap<>();
    PROBES.forEach((name, probe) -> answers.put(name, probe.send(serving.proxyPorts().get(0))));
    return answers;
  }

  private static Map<String, String> answers(String... inProbeOrder) {
    Map<String, String> answers = new LinkedHashMap<>();
    List<String> names = List.copyOf(PROBES.keySet());
    for (int i = 0; i < names.size(); i++) {
      answers.put(names.get(i), inProbeOrder[i]);
    }
    return answers;
  }

  private static Map<String, Probe> probes(Probe... probes) {
    Map<String, Probe> byName = new LinkedHashMap<>();
    for (Probe p : probes) {
      byName.put(p.toString(), p);
    }
    return byName;
  }

  private static void write(int admin, String method, String path, String json) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    try {
      HttpResponse<String> response = ADMIN.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 204);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * One request to the proxy, written on a plain socket because the JDK's client will not send a
   * {@code Host} header of our choosing.
   */
  private record Probe(String method, String target, String host, String header) {
    /** {@code "<status> <upstream> <target it saw>"}, or {@code "<status> gateway"} when no upstream answered. */
    String send(int port) {
      String request = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
          + (header.isEmpty() ? "" : header + "\r\n") + "Content-Length: 0\r\nConnection: close\r\n\r\n";
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(US_ASCII));
        String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split).toLowerCase();
        String body = response.substring(split + 4);
        String status = response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
        if (!head.contains("\r\n" + NamedUpstream.HEADER.toLowerCase() + ":")) {
          return status + " gateway";
        }
        return status + " " + (head.contains("transfer-encoding: chunked") ? unchunked(body) : body);
      } catch (IOException e) {
        throw new UncheckedIOException(method + " " + target + " (Host " + host + ") to the proxy on port " + port, e);
      }
    }

    private static String unchunked(String body) {
      StringBuilder out = new StringBuilder();
      int at = 0;
      for (int size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).trim(), 16)) > 0; ) {
        int start = body.indexOf("\r\n", at) + 2;
        out.append(body, start, start + size);
        at = start + size + 2;
      }
      return out.toString();
    }

    @Override
    public String toString() {
      return method + " " + host + target + (header.isEmpty() ? "" : " [" + header + "]");
    }
  }
}
