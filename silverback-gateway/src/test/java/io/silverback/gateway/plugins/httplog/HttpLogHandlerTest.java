package io.silverback.gateway.plugins.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** http-log against a real log server on a loopback port. */
class HttpLogHandlerTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private int logServer() {
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      if (failFirst.getAndDecrement() > 0) {
        req.response().setStatusCode(503).end("busy");
        return;
      }
      bodies.add(req.method() + " " + req.getHeader("Content-Type") + " " + req.getHeader("X-Extra") + " " + b);
      auth.add(String.valueOf(req.getHeader("Authorization")));
      req.response().setStatusCode(200).end();
    })).listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void sendsEachEntryWithKongsHeadersAndUserInfo() throws Exception {
    int port = logServer();
    HttpLogHandler handler = new HttpLogHandler(vertx);
    JsonNode config = PluginConfigs.config("http-log", "{\"http_endpoint\":\"http://u:p@127.0.0.1:" + port
        + "/logs\",\"method\":\"PUT\",\"headers\":{\"X-Extra\":\"yes\"}}");

    handler.log(new TestExchange(null).response(200, Map.of()), config);
    waitFor(() -> bodies.size() == 1);

    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).startsWith("PUT application/json yes {");
    assertThat(Json.MAPPER.readTree(bodies.get(0).substring(bodies.get(0).indexOf('{'))).path("response")
        .path("status").asInt()).isEqualTo(200);
    assertThat(auth).containsExactly("Basic dTpw");
    handler.close();
  }

  @Test
  void batchesEntriesIntoAJsonArrayAndRetriesFailures() throws Exception {
    int port = logServer();
    failFirst.set(2);
    HttpLogHandler handler = new HttpLogHandler(vertx);
    JsonNode config = PluginConfigs.config("http-log", "{\"http_endpoint\":\"http://127.0.0.1:" + port
        + "/\",\"queue\":{\"max_batch_size\":3,\"max_coalescing_delay\":0.05,\"initial_retry_delay\":0.01}}");

    for (int i = 0; i < 3; i++) {
      handler.log(new TestExchange(null).response(200 + i, Map.of()), config);
    }
    waitFor(() -> bodies.size() == 1);

    JsonNode batch = Json.MAPPER.readTree(bodies.get(0).substring(bodies.get(0).indexOf('[')));
    assertThat(batch).hasSize(3);
    assertThat(batch.get(2).path("response").path("status").asInt()).isEqualTo(202);
    assertThat(failFirst.get()).isNegative();
    handler.close();
  }

  @Test
  void aSmallBatchGoesOutAfterTheCoalescingDelay() throws Exception {
    int port = logServer();
    HttpLogHandler handler = new HttpLogHandler(vertx);
    JsonNode config = PluginConfigs.config("http-log", "{\"http_endpoint\":\"http://127.0.0.1:" + port
        + "/\",\"queue\":{\"max_batch_size\":10,\"max_coalescing_delay\":0.1}}");

    handler.log(new TestExchange(null).response(200, Map.of()), config);
    handler.log(new TestExchange(null).response(200, Map.of()), config);
    waitFor(() -> bodies.size() == 1);

    assertThat(Json.MAPPER.readTree(bodies.get(0).substring(bodies.get(0).indexOf('[')))).hasSize(2);
    handler.close();
  }

  @Test
  void aFullQueueDropsTheOldestEntries() {
    LogQueue queue = new LogQueue("q", vertx, PluginConfigs.config("http-log",
        "{\"http_endpoint\":\"http://127.0.0.1:1/\",\"queue\":{\"max_entries\":2,\"max_batch_size\":5,"
            + "\"max_coalescing_delay\":60}}").path("queue"), batch -> Future.succeededFuture(),
        System::nanoTime);

    queue.enqueue("a");
    queue.enqueue("b");
    queue.enqueue("c");

    assertThat(queue.waiting()).isEqualTo(2);
  }
}
