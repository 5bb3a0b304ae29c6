package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.store.Store;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A running Admin server on a loopback port and a plain HTTP client for it, for tests. */
final class AdminClient implements AutoCloseable {
  private final Vertx vertx;
  private final AdminServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminClient(Vertx vertx, AdminServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** The node id the tests' Admin APIs report. */
  static final String NODE_ID = "8d0b3a2c-4a3e-4c39-9f0e-2f6c9d1b7a11";

  /** A store on the migrated test database {@code db}. */
  static PostgresStore migratedStore(TestDatabase db) {
    new Migrations(db.dataSource(), "public").bootstrap();
    return new PostgresStore(db.dataSource(), EntityRegistry.standard());
  }

  /** An Admin API with default options over {@code store}. */
  static AdminClient over(Store store, NodeConf conf) {
    return start(new AdminContext(store, conf, NODE_ID), AdminOptions.defaults());
  }

  static AdminClient start(AdminContext context, AdminOptions options) {
    return start(context, options, r -> { });
  }

  /** An Admin API with {@code extraRoutes} mounted, as the node mounts its own. */
  static AdminClient start(AdminContext context, AdminOptions options, Consumer<AdminRoutes> extraRoutes) {
    Vertx vertx = Vertx.vertx();
    try {
      AdminServer server = AdminServer.start(vertx, context, "127.0.0.1", 0, options, extraRoutes)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new AdminClient(vertx, server);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("Admin server did not start", e);
    }
  }

  /** What came back. */
  record Response(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response delete(String path) {
    return send(request(path).DELETE());
  }

  Response json(String method, String path, String body) {
    return send(request(path).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  Response form(String method, String path, String body) {
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30));
  }

  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
