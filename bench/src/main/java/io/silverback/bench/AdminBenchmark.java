package io.silverback.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.gateway.admin.AdminContext;
import io.silverback.gateway.admin.AdminServer;
import io.silverback.gateway.node.Node;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node issue's Admin API benchmark, over real HTTP on 127.0.0.1:
 * <ul>
 *   <li>{@code create}: 10k {@code POST /services}, one request at a time on each of 8 concurrent
 *       clients (requests/s, p50/p99 latency), into PostgreSQL;
 *   <li>{@code paging}: {@code GET /services?size=1000} following {@code next} through 100k services;
 *   <li>{@code post_config}: {@code POST /config} of the 100k-entity file on a DB-less node: time
 *       until the reply and until the node's snapshot holds the new config, and the peak heap.
 * </ul>
 * One JSON line per measurement. Run through {@code bench/admin.sh}.
 */
public final class AdminBenchmark {
  private static final int CLIENTS = 8;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(Executors.newFixedThreadPool(CLIENTS)).build();

  public static void main(String[] args) throws Exception {
    AdminBenchmark b = new AdminBenchmark();
    switch (args[0]) {
      case "create" -> b.create(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "paging" -> b.paging(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "post_config" -> b.postConfig(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("usage: AdminBenchmark create N ROUNDS | paging N ROUNDS | post_config FILE ROUNDS");
    }
    System.exit(0);
  }

  private void create(int count, int rounds) throws Exception {
    for (int round = 1; round <= rounds; round++) {
      try (BenchDatabase db = BenchDatabase.create("127.0.0.1", 5432, "postgres")) {
        new Migrations(db.dataSource(), "public").bootstrap();
        Vertx vertx = Vertx.vertx();
        try (PostgresStore store = new PostgresStore(db.dataSource(), EntityRegistry.standard())) {
          AdminServer server = AdminServer.start(vertx, context(store), "127.0.0.1", 0).await();
          String base = "http://127.0.0.1:" + server.port();
          warmUp(base);
          long[] latencies = new long[count];
          AtomicInteger next = new AtomicInteger();
          Stopwatch clock = Stopwatch.start();
          ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
          List<Future<?>> done = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
              int i;
              while ((i = next.getAndIncrement()) < count) {
                long t0 = System.nanoTime();
                int status = post(base + "/services", "{\"name\":\"svc-" + i + "\",\"url\":\"http://backend-" + i + ".internal:8080/api\"}");
                latencies[i] = System.nanoTime() - t0;
                if (status != 201) {
                  throw new IllegalStateException("POST /services answered " + status);
                }
              }
              return null;
            }));
          }
          for (Future<?> f : done) {
            f.get();
          }
          double s = clock.seconds();
          clients.shutdown();
          long[] sorted = latencies.clone();
          java.util.Arrays.sort(sorted);
          Report.of("create").put("round", round).put("requests", count).put("clients", CLIENTS).put("s", s)
              .put("rps", count / s).put("p50_ms", sorted[count / 2] / 1e6).put("p99_ms", sorted[(int) (count * 0.99)] / 1e6)
              .put("gc_s", clock.gcSeconds()).print();
          server.stop().await();
        } finally {
          vertx.close().await();
        }
      }
    }
  }

  private void warmUp(String base) throws Exception {
    for (int i = 0; i < 300; i++) {
      post(base + "/consumers", "{\"username\":\"warm-" + UUID.randomUUID() + "\"}");
    }
  }

  private void paging(int count, int rounds) throws Exception {
    try (BenchDatabase db = BenchDatabase.create("127.0.0.1", 5432, "postgres")) {
      new Migrations(db.dataSource(), "public").bootstrap();
      Vertx vertx = Vertx.vertx();
      try (PostgresStore store = new PostgresStore(db.dataSource(), EntityRegistry.standard())) {
        store.loadAll(services(count));
        AdminServer server = AdminServer.start(vertx, context(store), "127.0.0.1", 0).await();
        String base = "http://127.0.0.1:" + server.port();
        for (int round = 1; round <= rounds; round++) {
          Stopwatch clock = Stopwatch.start();
          String path = "/services?size=1000";
          int seen = 0;
          int pages = 0;
          while (path != null) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Json.MAPPER.readTree(r.body());
            seen += body.get("data").size();
            pages++;
            path = body.path("next").isTextual() ? body.get("next").textValue() : null;
          }
          if (seen != count) {
            throw new IllegalStateException("paging saw " + seen + " services of " + count);
          }
          Report.of("paging").put("round", round).put("services", seen).put("pages", pages).put("s", clock.seconds())
              .put("gc_s", clock.gcSeconds()).print();
        }
        server.stop().await();
      } finally {
        vertx.close().await();
      }
    }
  }

  private void postConfig(Path file, int rounds) throws Exception {
    byte[] body = Files.readAllBytes(file);
    String type = file.toString().endsWith(".json") ? "application/json" : "application/x-yaml";
    for (int round = 1; round <= rounds; round++) {
      Path prefix = Files.createTempDirectory("sb-bench-node-");
      Node node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", prefix.toString(),
          "database", "off", "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0",
          "admin_body_size", "512m")));
      String base = "http://127.0.0.1:" + node.adminPorts().get(0);
      try {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long generation = node.snapshotGeneration();
        Stopwatch clock = Stopwatch.start();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/config"))
            .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        double replied = clock.seconds();
        if (r.statusCode() != 201) {
          throw new IllegalStateException("POST /config answered " + r.statusCode() + ": " + new String(r.body()));
        }
        while (node.snapshotGeneration() == generation) {
          Thread.sleep(1);
        }
        double served = clock.seconds();
        Report.of("post_config").put("round", round).put("file", file.getFileName().toString())
            .put("bytes", body.length).put("entities", node.snapshot().size()).put("reply_s", replied)
            .put("snapshot_swapped_s", served).put("peak_heap_mb", peakHeapMb())
            .put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20).put("gc_s", clock.gcSeconds()).print();
      } finally {
        node.stop();
      }
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  private int post(String url, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static AdminContext context(io.silverback.store.Store store) {
    return new AdminContext(store, NodeConf.defaults(), UUID.randomUUID().toString());
  }

  private static Config services(int count) {
    ObjectNode doc = Json.object().put("_format_version", "3.0");
    ArrayNode list = doc.putArray("services");
    for (int i = 0; i < count; i++) {
      list.addObject().put("name", "svc-" + i).put("host", "backend-" + i + ".internal");
    }
    return DeclarativeConfigParser.of(EntityRegistry.standard()).parse(doc).orThrow().config();
  }
}
