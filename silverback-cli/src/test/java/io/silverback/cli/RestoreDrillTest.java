package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import io.silverback.store.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill (issue 6): a node on PostgreSQL is configured through its Admin API and what
 * its proxy answers to a table of requests is recorded; a bundle is created, the configuration is
 * broken, the bundle restored, and the same requests must get exactly the same answers: from the
 * same node (native and declarative restores), from a second node on a fresh database (declarative
 * restore) and from a DB-less node (dbless restore by {@code POST /config}). While a native restore
 * runs, the proxy answers as before it or as after it, nothing in between; after it, Admin API
 * writes still reach the proxy.
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
  private static final String TWIN_LOW = "00000000-0000-4000-8000-000000000001";
  private static final String TWIN_HIGH = "f0000000-0000-4000-8000-000000000001";
  private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The requests of the drill, by description. */
  private static final Map<String, ProxyProbe> PROBES = probes(
      new ProxyProbe("GET", "/alpha/x?q=1", "any.test", ""),
      new ProxyProbe("GET", "/keep/y", "any.test", ""),
      new ProxyProbe("GET", "/anything", "beta.test", ""),
      new ProxyProbe("POST", "/anything", "beta.test", ""),
      new ProxyProbe("GET", "/pool/z", "any.test", ""),
      new ProxyProbe("GET", "/secure/s", "any.test", ""),
      new ProxyProbe("GET", "/secure/s", "any.test", "apikey: alice-key"),
      new ProxyProbe("GET", "/twin/t", "any.test", ""),
      new ProxyProbe("GET", "/bogus", "any.test", ""));

  /** What the configuration of {@link #configure} answers: status, then the upstream's name and the target it saw. */
  private static final Map<String, String> CONFIGURED = answers(
      "200 alpha /a/x?q=1", "200 alpha /a/keep/y", "200 beta /b/anything", "404 gateway",
      "200 alpha /p/z", "401 gateway", "200 beta /b/s", "200 alpha /a/t", "404 gateway");

  /** What it answers after {@link #breakTheConfiguration}. */
  private static final Map<String, String> BROKEN = answers(
      "200 alpha /elsewhere/x?q=1", "404 gateway", "200 beta /b/anything", "404 gateway",
      "503 gateway", "401 gateway", "401 gateway", "200 alpha /elsewhere/t", "200 beta /b");

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
    pgDumpBundle = onPath("pg_dump") ? backUp("pg_dump") : null;
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

    servesAsRecordedAfter(node, restore(SOURCE, builtinBundle));
  }

  @Test
  void nativeRestoreOfAPgDumpBringsBackEveryAnswerOfTheRunningNode() {
    assumeTrue(pgDumpBundle != null, "pg_dump is not on the PATH");
    breakTheConfiguration(node);

    servesAsRecordedAfter(node, restore(SOURCE, pgDumpBundle));
  }

  @Test
  void declarativeRestoreIntoAFreshDatabaseGivesASecondNodeTheSameAnswers() {
    assertThat(CliRun.of(DbArgs.with(FRESH, cli, "migrations", "bootstrap", "-q")).exitCode()).isZero();
    Node second = Node.start(FRESH.conf(Map.of("admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0")));
    try {
      assertThat(answers(second)).as("an empty database routes nothing").containsOnlyKeys(PROBES.keySet())
          .allSatisfy((probe, answer) -> assertThat(answer).isEqualTo("404 gateway"));

      servesAsRecordedAfter(second, restore(FRESH, builtinBundle, "--mode", "declarative"));
    } finally {
      second.stop();
    }
  }

  @Test
  void dblessRestoreByPostConfigGivesADblessNodeTheSameAnswers() {
    Node dbless = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("database", "off",
        "prefix", cli.resolve("dbless").toString(), "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0")));
    try {
      servesAsRecordedAfter(dbless, "backup", "restore", builtinBundle.toString(), "--mode", "dbless", "--target",
          "http://127.0.0.1:" + dbless.adminPorts().get(0), "-p", cli.toString(), "--set", "database=off");
    } finally {
      dbless.stop();
    }
  }

  @Test
  void declarativeRestoreOverTheRunningNodesOwnDatabaseBringsBackEveryAnswer() {
    breakTheConfiguration(node);

    servesAsRecordedAfter(node, restore(SOURCE, builtinBundle, "--mode", "declarative"));
  }

  @Test
  void whileANativeRestoreRunsTheProxyAnswersOnlyAsBeforeOrAsRestored() throws InterruptedException {
    breakTheConfiguration(node);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean restored = new AtomicBoolean();
    Thread client = new Thread(() -> {
      while (!restored.get()) {
        try {
          answers(node).forEach((probe, answer) -> seen.add(probe + " -> " + answer));
        } catch (RuntimeException e) {
          seen.add("failed: " + e);
        }
      }
    }, "drill-client");
    client.start();
    try {
      servesAsRecordedAfter(node, restore(SOURCE, builtinBundle));
    } finally {
      restored.set(true);
      client.join();
    }

    Set<String> either = new HashSet<>();
    Stream.of(BROKEN, recorded).forEach(table -> table.forEach((probe, answer) -> either.add(probe + " -> " + answer)));
    assertThat(either).containsAll(seen);
  }

  @Test
  void afterANativeRestoreAdminApiWritesStillReachTheProxy() {
    breakTheConfiguration(node);
    servesAsRecordedAfter(node, restore(SOURCE, builtinBundle));
    int admin = node.adminPorts().get(0);

    write(admin, "PATCH", "/services/alpha-svc", "{\"path\":\"/again\"}");
    Map<String, String> moved = new LinkedHashMap<>(recorded);
    moved.replaceAll((probe, answer) -> answer.replace("alpha /a/", "alpha /again/"));
    assertThat(servedWithin(node, moved)).isEqualTo(moved);
    write(admin, "PATCH", "/services/alpha-svc", "{\"path\":\"/a\"}");
    assertThat(servedWithin(node, recorded)).isEqualTo(recorded);
  }

  /**
   * Three services (one through an upstream entity), six routes (two of them tied, so the one with
   * the higher id wins, as Kong's ATC router), key-auth on one route, a consumer with a key.
   */
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
    write(admin, "POST", "/services/beta-svc/routes", "{\"id\":\"" + TWIN_LOW + "\",\"paths\":[\"/twin\"]}");
    write(admin, "POST", "/services/alpha-svc/routes", "{\"id\":\"" + TWIN_HIGH + "\",\"paths\":[\"/twin\"]}");
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

  /** {@code backup restore bundle --yes} into {@code db}, in the command line's own prefix. */
  private static String[] restore(TestDatabase db, Path bundle, String... more) {
    String[] command = Stream.concat(Stream.of("backup", "restore", bundle.toString(), "--yes"), Stream.of(more))
        .toArray(String[]::new);
    return DbArgs.with(db, cli, command);
  }

  /** Runs the command line {@code args}; {@code serving} must move to a new snapshot answering as recorded. */
  private static void servesAsRecordedAfter(Node serving, String... args) {
    long generation = serving.snapshotGeneration();
    CliRun restore = CliRun.of(args);
    assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();

    assertThat(servedWithin(serving, recorded)).as("what the node answers after " + String.join(" ", args))
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

  private static Map<String, ProxyProbe> probes(ProxyProbe... probes) {
    Map<String, ProxyProbe> byName = new LinkedHashMap<>();
    for (ProxyProbe p : probes) {
      byName.put(p.toString(), p);
    }
    return byName;
  }

  private static void write(int admin, String method, String path, String json) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, json.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
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
}
