package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import java.util.Optional;

/**
 * A child collection under its parent ({@code /services/{services}/routes}) and one child in it
 * ({@code /services/{services}/routes/{routes}}). The parent must exist (else 404), a child must
 * belong to it (else 404), and a written child gets the parent as its foreign key. A child whose
 * endpoint key is unique only under its parent (a target's {@code target}) is looked up there.
 */
final class NestedHandlers {
  private final EntityOps ops;
  private final EntitySchema child;
  private final String field;
  private final EntitySchema parent;

  NestedHandlers(EntityOps ops, EntitySchema child, String field, EntitySchema parent) {
    this.ops = ops;
    this.child = child;
    this.field = field;
    this.parent = parent;
  }

  Reply list(AdminRequest request) {
    String given = request.param(parent.name());
    Entity owner = ops.require(parent, given);
    String prefix = "/" + parent.adminApiName() + "/" + given + "/" + child.adminApiNestedName();
    return Listing.nested(ops.store(), child, field, owner, prefix, request);
  }

  Reply create(AdminRequest request) {
    Entity owner = ops.require(parent, request.param(parent.name()));
    ObjectNode body = request.body(child);
    body.set(field, EntityOps.reference(owner));
    return Reply.created(ops.json(ops.create(child, body)));
  }

  Reply get(AdminRequest request) {
    return Reply.ok(ops.json(owned(ops.require(parent, request.param(parent.name())), request)));
  }

  /** As Kong: no check that an existing child belonged to this parent; it does afterwards. */
  Reply put(AdminRequest request) {
    Entity owner = ops.require(parent, request.param(parent.name()));
    ObjectNode body = request.body(child);
    body.set(field, EntityOps.reference(owner));
    return Reply.ok(ops.json(ops.upsert(child, childKey(owner, request), body)));
  }

  Reply patch(AdminRequest request) {
    Entity owner = ops.require(parent, request.param(parent.name()));
    ObjectNode body = request.body(child);
    if (!body.has(field)) {
      body.set(field, EntityOps.reference(owner));
    }
    Entity current = owned(owner, request);
    return Reply.ok(ops.json(ops.update(child, current.id(), body)));
  }

  Reply delete(AdminRequest request) {
    Entity current = owned(ops.require(parent, request.param(parent.name())), request);
    ops.delete(child, current.id());
    return Reply.noContent();
  }

  private Entity owned(Entity owner, AdminRequest request) {
    String key = request.param(child.name());
    Optional<Entity> found = keyedUnderParent() && !EntityOps.isUuid(key)
        ? findUnder(owner, key) : ops.select(child, key);
    return found.filter(e -> EntityOps.belongsTo(e, field, owner)).orElseThrow(AdminException::notFound);
  }

  private String childKey(Entity owner, AdminRequest request) {
    String key = request.param(child.name());
    if (keyedUnderParent() && !EntityOps.isUuid(key)) {
      return findUnder(owner, key).map(Entity::id).orElse(key);
    }
    return key;
  }

  private boolean keyedUnderParent() {
    return child.endpointKey().isPresent() && !child.endpointKeyIsUnique();
  }

  /** Walks the parent's children for the endpoint key (targets of one upstream are few). */
  private Optional<Entity> findUnder(Entity owner, String key) {
    String keyField = child.endpointKey().orElseThrow();
    PageRequest request = PageRequest.first().withSize(PageRequest.MAX_SIZE).withForeign(field, owner.id());
    while (true) {
      Page page = ops.store().page(child.name(), request);
      Optional<Entity> hit = page.data().stream().filter(e -> key.equals(e.text(keyField))).findFirst();
      if (hit.isPresent() || page.offset().isEmpty()) {
        return hit;
      }
      request = request.withOffset(page.offset().get());
    }
  }
}
