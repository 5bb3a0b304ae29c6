package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The targets of one upstream as Kong's targets DAO reads them for the balancer routes
 * ({@code kong/db/dao/targets.lua}): all of them, oldest first ({@code created_at}, then id),
 * and the "active" listing, newest first with one entry per {@code target}.
 */
final class UpstreamTargets {
  private final EntityOps ops;
  private final EntitySchema upstreams;
  private final EntitySchema targets;

  UpstreamTargets(EntityOps ops, AdminContext context) {
    this.ops = ops;
    this.upstreams = context.registry().require("upstreams");
    this.targets = context.registry().require("targets");
  }

  /** The upstream {@code idOrName} names; 404 {@code Not found} when none. */
  Entity upstream(String idOrName) {
    return ops.select(upstreams, idOrName).orElseThrow(AdminException::notFound);
  }

  /**
   * The target of {@code upstream} that {@code idOrTarget} names (an id, or a {@code target}
   * value, the latest entry winning); 404 {@code Not found} when none.
   */
  Entity target(Entity upstream, String idOrTarget) {
    Optional<Entity> found = EntityOps.isUuid(idOrTarget)
        ? ops.select(targets, idOrTarget)
        : raw(upstream).stream().filter(t -> idOrTarget.equals(t.text("target"))).reduce((a, b) -> b);
    return found.filter(t -> EntityOps.belongsTo(t, "upstream", upstream)).orElseThrow(AdminException::notFound);
  }

  /** A page of every target of {@code upstream}, weight 0 included (Kong's {@code page_for_upstream_raw}). */
  Reply all(Entity upstream, String prefix, AdminRequest request) {
    return Listing.nested(ops.store(), targets, "upstream", upstream, prefix, request);
  }

  /** Newest first, one per {@code target} (Kong's {@code page_for_upstream}). */
  List<Entity> active(Entity upstream) {
    List<Entity> all = raw(upstream);
    Collections.reverse(all);
    Set<String> seen = new HashSet<>();
    List<Entity> out = new ArrayList<>();
    for (Entity t : all) {
      if (seen.add(t.text("target"))) {
        out.add(t);
      }
    }
    return out;
  }

  /** A copy of a target's fields as the Admin API shows them, free to add to. */
  ObjectNode json(Entity target) {
    return ops.json(target).deepCopy();
  }

  /** Every target of {@code upstream}, oldest first. */
  private List<Entity> raw(Entity upstream) {
    List<Entity> out = new ArrayList<>();
    PageRequest request = PageRequest.first().withSize(PageRequest.MAX_SIZE).withForeign("upstream", upstream.id());
    while (true) {
      Page page = ops.store().page(targets.name(), request);
      out.addAll(page.data());
      if (page.offset().isEmpty()) {
        break;
      }
      request = request.withOffset(page.offset().get());
    }
    out.sort(Comparator.comparingDouble((Entity t) -> t.get("created_at").asDouble()).thenComparing(Entity::id));
    return out;
  }
}
