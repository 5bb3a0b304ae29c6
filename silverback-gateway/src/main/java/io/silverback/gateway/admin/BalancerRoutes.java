package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import io.silverback.gateway.balancer.BalancerException;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.balancer.UpstreamHealth;
import io.silverback.gateway.cluster.ClusterHealth;
import io.silverback.gateway.cluster.HealthSet;
import java.util.List;
import java.util.Optional;

/**
 * Kong's balancer routes ({@code kong/api/routes/upstreams.lua}): {@code GET
 * /upstreams/{upstreams}/health} (every active target with this node's view of its health, or
 * with {@code ?balancer_health=1} the upstream's), {@code GET /upstreams/{upstreams}/targets/all}
 * (every target, weight 0 included), and {@code PUT}
 * {@code /upstreams/{upstreams}/targets/{targets}[/{address}]/healthy|unhealthy}, which set a
 * target's (or one address's) health and clear its counters: 204. Unknown upstreams and targets
 * are 404 {@code Not found}; an upstream without health checks is 400 with Kong's message.
 * {@code POST} is accepted as well, as Kong 2.x took it.
 *
 * <p>A health set applies to this node's balancers and, with a database, to every other node's
 * ({@link ClusterHealth}, Kong's {@code balancer:post_health} cluster event); in DB-less mode it
 * stays on this node. Health is never stored.
 */
public final class BalancerRoutes {
  private final UpstreamTargets targets;
  private final ClusterHealth sets;
  private final BalancerRegistry balancers;
  private final String nodeId;

  private BalancerRoutes(UpstreamTargets targets, ClusterHealth sets, String nodeId) {
    this.targets = targets;
    this.sets = sets;
    this.balancers = sets.balancers();
    this.nodeId = nodeId;
  }

  /**
   * Serves the balancer routes among the Admin API's: health read from {@code sets}' balancers
   * and set through {@code sets}.
   *
   * @throws IllegalStateException when one of the routes is already served
   */
  public static void mount(AdminRoutes routes, AdminContext context, ClusterHealth sets) {
    BalancerRoutes r = new BalancerRoutes(new UpstreamTargets(new EntityOps(context), context), sets,
        context.nodeId());
    routes.add("/upstreams/{upstreams}/health", GET, r::health);
    routes.add("/upstreams/{upstreams}/targets/all", GET, r::allTargets);
    for (String state : List.of("healthy", "unhealthy")) {
      for (String template : List.of("/upstreams/{upstreams}/targets/{targets}/" + state,
          "/upstreams/{upstreams}/targets/{targets}/{address}/" + state)) {
        routes.add(template, PUT, request -> r.set(request, state.equals("healthy")));
        routes.add(template, POST, request -> r.set(request, state.equals("healthy")));
      }
    }
  }

  private Reply health(AdminRequest request) {
    Entity upstream = targets.upstream(request.param("upstreams"));
    Optional<UpstreamHealth> health = balancers.health(upstream.id());
    ObjectNode body = Json.object();
    if ("1".equals(request.queryArg("balancer_health").orElse(null))) {
      body.set("data", health.map(HealthJson::balancer).orElse(null));
      body.putNull("next");
      body.put("node_id", nodeId);
      return Reply.ok(body);
    }
    List<Entity> active = targets.active(upstream);
    int offset = number(request.queryArg("offset"), 0);
    int size = Math.min(number(request.queryArg("size"), 100), 1000);
    ArrayNode data = body.putArray("data");
    for (Entity t : active.subList(Math.min(offset, active.size()), Math.min(offset + size, active.size()))) {
      data.add(HealthJson.target(targets.json(t), t.text("target"), health));
    }
    if (offset + size < active.size()) {
      body.put("offset", Integer.toString(offset + size));
      body.put("next", "/upstreams/" + Listing.escape(request.param("upstreams")) + "/health?offset=" + (offset + size));
    } else {
      body.putNull("next");
    }
    body.put("node_id", nodeId);
    return Reply.ok(body);
  }

  private Reply allTargets(AdminRequest request) {
    String given = request.param("upstreams");
    return targets.all(targets.upstream(given), "/upstreams/" + Listing.escape(given) + "/targets/all", request);
  }

  private Reply set(AdminRequest request, boolean healthy) {
    Entity upstream = targets.upstream(request.param("upstreams"));
    Entity target = targets.target(upstream, request.param("targets"));
    String address = request.param("address");
    if (address != null && !address.matches(".*:\\d+$")) {
      address = address + ":8000";
    }
    try {
      sets.set(new HealthSet(upstream.id(), upstream.text("name"), target.text("target"), address, healthy));
    } catch (BalancerException e) {
      throw AdminException.of(400, e.getMessage());
    }
    return Reply.noContent();
  }

  private static int number(Optional<String> value, int fallback) {
    try {
      return value.map(Integer::parseInt).filter(n -> n >= 0).orElse(fallback);
    } catch (NumberFormatException e) {
      throw AdminException.of(400, "invalid offset or size: " + value.get());
    }
  }
}
