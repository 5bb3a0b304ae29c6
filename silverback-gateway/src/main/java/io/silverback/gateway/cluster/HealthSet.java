package io.silverback.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.IOException;

/**
 * One health set through the Admin API, as it travels between nodes: Kong's {@code
 * balancer:post_health} packet ({@code kong/db/dao/targets.lua}), written as JSON.
 *
 * @param upstreamId the upstream's id
 * @param upstreamName the upstream's name, for messages
 * @param target the target ({@code host:port})
 * @param address one address of the target ({@code ip:port}), or null for all of them
 * @param healthy whether it is set healthy or unhealthy
 */
public record HealthSet(String upstreamId, String upstreamName, String target, String address, boolean healthy) {
  /** The event's data. */
  String json() {
    ObjectNode o = Json.object().put("upstream_id", upstreamId).put("upstream_name", upstreamName)
        .put("target", target).put("address", address).put("healthy", healthy);
    return o.toString();
  }

  /**
   * Reads an event's data.
   *
   * @throws IllegalArgumentException when it is not a health set
   */
  static HealthSet parse(String data) {
    JsonNode o;
    try {
      o = Json.MAPPER.readTree(data);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (o == null || !o.path("upstream_id").isTextual() || !o.path("target").isTextual()
        || !o.path("healthy").isBoolean()) {
      throw new IllegalArgumentException("upstream_id, target or healthy missing");
    }
    return new HealthSet(o.get("upstream_id").textValue(), o.path("upstream_name").asText(null),
        o.get("target").textValue(), o.path("address").textValue(), o.get("healthy").booleanValue());
  }
}
