package io.silverback.gateway.admin;

import io.silverback.core.schema.EntitySchema;

/** {@code GET}, {@code PUT}, {@code PATCH} and {@code DELETE} on one entity ({@code /services/{services}}). */
final class EntityHandlers {
  private final EntityOps ops;
  private final EntitySchema schema;

  EntityHandlers(EntityOps ops, EntitySchema schema) {
    this.ops = ops;
    this.schema = schema;
  }

  Reply get(AdminRequest request) {
    return Reply.ok(ops.require(schema, key(request)).fields());
  }

  Reply put(AdminRequest request) {
    return Reply.ok(ops.upsert(schema, key(request), request.body(schema)).fields());
  }

  Reply patch(AdminRequest request) {
    return Reply.ok(ops.update(schema, key(request), request.body(schema)).fields());
  }

  Reply delete(AdminRequest request) {
    ops.delete(schema, key(request));
    return Reply.noContent();
  }

  private String key(AdminRequest request) {
    return request.param(schema.name());
  }
}
