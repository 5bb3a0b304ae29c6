package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.balancer.Health;
import io.silverback.gateway.balancer.UpstreamHealth;
import java.util.Optional;

/**
 * Health as Kong's Admin API writes it: a target with {@code health} and {@code data}
 * ({@code balancer_mt:getTargetStatus}), and an upstream's balancer
 * ({@code healthcheckers.get_balancer_health}).
 */
final class HealthJson {
  private HealthJson() {}

  /**
   * {@code fields} of a target entity with its health: {@code DNS_ERROR} and no {@code data} when
   * the balancer lacks it; nothing added when this node has no balancer for the upstream (as Kong).
   */
  static ObjectNode target(ObjectNode fields, String target, Optional<UpstreamHealth> upstream) {
    if (upstream.isEmpty()) {
      return fields;
    }
    Optional<UpstreamHealth.Target> t = upstream.get().target(target);
    if (t.isEmpty()) {
      fields.put("health", Health.DNS_ERROR.name());
      return fields;
    }
    fields.put("health", t.get().health().name());
    fields.set("data", status(t.get()));
    return fields;
  }

  /** {@code ?balancer_health=1}'s {@code data}. */
  static ObjectNode balancer(UpstreamHealth h) {
    ObjectNode out = Json.object();
    String balancer = h.healthy() ? "HEALTHY" : "UNHEALTHY";
    out.put("health", h.checked() ? balancer : Health.HEALTHCHECKS_OFF.name());
    out.put("balancer_health", balancer);
    out.put("id", h.upstreamId());
    ObjectNode details = out.putObject("details");
    details.put("healthy", h.healthy());
    weight(details, h.totalWeight(), h.unavailableWeight());
    ArrayNode hosts = details.putArray("hosts");
    h.targets().forEach(t -> hosts.add(status(t)));
    return out;
  }

  private static ObjectNode status(UpstreamHealth.Target t) {
    ObjectNode out = Json.object();
    out.put("host", t.host());
    out.put("port", t.port());
    out.put("dns", t.host().startsWith("[") ? "AAAA" : "A");
    out.put("nodeWeight", t.weight());
    weight(out, t.weight(), t.weight() - t.availableWeight());
    ArrayNode addresses = out.putArray("addresses");
    for (UpstreamHealth.AddressHealth a : t.addresses()) {
      addresses.addObject().put("ip", a.ip()).put("port", a.port()).put("weight", a.weight())
          .put("health", a.health().name());
    }
    return out;
  }

  private static void weight(ObjectNode into, int total, int unavailable) {
    into.putObject("weight").put("total", total).put("unavailable", unavailable).put("available", total - unavailable);
  }
}
