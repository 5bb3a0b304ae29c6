package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import java.util.UUID;

/**
 * The entity a foreign key points to, addressed through the entity that holds it
 * ({@code /routes/{routes}/service}). {@code PUT} on a route without a service creates one and
 * links it; {@code DELETE} is 405, as in Kong.
 */
final class ForeignEntityHandlers {
  private final EntityOps ops;
  private final EntitySchema child;
  private final String field;
  private final EntitySchema parent;

  ForeignEntityHandlers(EntityOps ops, EntitySchema child, String field, EntitySchema parent) {
    this.ops = ops;
    this.child = child;
    this.field = field;
    this.parent = parent;
  }

  Reply get(AdminRequest request) {
    String id = linked(request);
    return Reply.ok(ops.json(ops.store().select(parent.name(), id).orElseThrow(AdminException::notFound)));
  }

  Reply put(AdminRequest request) {
    Entity holder = ops.require(child, request.param(child.name()));
    String id = holder.foreignId(field);
    if (id != null) {
      return Reply.ok(ops.json(ops.upsert(parent, id, request.body(parent))));
    }
    Entity created = ops.upsert(parent, UUID.randomUUID().toString(), request.body(parent));
    ObjectNode link = Json.object();
    link.set(field, EntityOps.reference(created));
    ops.update(child, holder.id(), link);
    return Reply.ok(ops.json(created));
  }

  Reply patch(AdminRequest request) {
    return Reply.ok(ops.json(ops.update(parent, linked(request), request.body(parent))));
  }

  Reply delete(AdminRequest request) {
    linked(request);
    throw AdminException.methodNotAllowed();
  }

  /** The id the holder's foreign key holds; 404 when the holder is missing or the key null. */
  private String linked(AdminRequest request) {
    String id = ops.require(child, request.param(child.name())).foreignId(field);
    if (id == null) {
      throw AdminException.notFound();
    }
    return id;
  }
}
