package io.silverback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every entity a node's Admin API serves, read page by page ({@code size=1000}, following {@code
 * next}): each exported type from its collection, targets (which have none
 * in Kong) under each upstream. Used by {@code backup verify --deep} on its read-only node.
 */
final class AdminReadBack {
  private static final int PAGE = 1000;

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final EntityRegistry registry;
  private int requests;

  AdminReadBack(int port, EntityRegistry registry) {
    this.base = "http://127.0.0.1:" + port;
    this.registry = registry;
  }

  /**
   * The types {@code backup verify --deep} compares: those the declarative export holds, but
   * {@code parameters}, which Kong's Admin API does not serve ({@code generate_admin_api = false}).
   */
  static List<EntitySchema> types(EntityRegistry registry) {
    return registry.ordered().stream().filter(s -> s.dbExport() && !s.name().equals("parameters")).toList();
  }

  /**
   * Reads every entity, page by page, handing each to {@code sink} with its schema.
   *
   * @throws BackupException naming the path when a page does not answer 200 with Kong's page shape
   */
  void forEach(BiConsumer<EntitySchema, Entity> sink) {
    List<String> upstreams = new ArrayList<>();
    for (EntitySchema schema : types(registry)) {
      if (schema.name().equals("targets")) {
        for (String upstream : upstreams) {
          read(schema, "/upstreams/" + upstream + "/targets", sink);
        }
      } else {
        BiConsumer<EntitySchema, Entity> each = schema.name().equals("upstreams")
            ? sink.andThen((s, e) -> upstreams.add(e.id())) : sink;
        read(schema, "/" + schema.adminApiName(), each);
      }
    }
  }

  /** How many requests {@link #all} sent. */
  int requests() {
    return requests;
  }

  private void read(EntitySchema schema, String collection, BiConsumer<EntitySchema, Entity> sink) {
    String next = collection + "?size=" + PAGE;
    while (next != null) {
      JsonNode page = get(next);
      for (JsonNode item : page.path("data")) {
        sink.accept(schema, new Entity(schema.name(), item.path(schema.primaryKey()).asText(), (ObjectNode) item));
      }
      JsonNode more = page.path("next");
      next = more.isTextual() ? more.asText() + (more.asText().contains("size=") ? "" : "&size=" + PAGE) : null;
    }
  }

  private JsonNode get(String path) {
    requests++;
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new BackupException("the read-only node's Admin API answered GET " + path + " with " + r.statusCode()
            + ": " + r.body());
      }
      JsonNode body = Json.MAPPER.readTree(r.body());
      if (!body.path("data").isArray()) {
        throw new BackupException("the read-only node's Admin API answered GET " + path + " without a data array");
      }
      return body;
    } catch (IOException e) {
      throw new BackupException("cannot read GET " + path + " from the read-only node's Admin API: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupException("interrupted while reading GET " + path + " from the read-only node's Admin API", e);
    }
  }
}
