package io.silverback.gateway.admin;

import io.silverback.core.schema.EntitySchema;

/** {@code GET} and {@code POST} on a top-level collection ({@code /services}). */
final class CollectionHandlers {
  private final EntityOps ops;
  private final EntitySchema schema;

  CollectionHandlers(EntityOps ops, EntitySchema schema) {
    this.ops = ops;
    this.schema = schema;
  }

  Reply list(AdminRequest request) {
    return Listing.top(ops.store(), schema, request);
  }

  Reply create(AdminRequest request) {
    return Reply.created(ops.create(schema, request.body(schema)).fields());
  }
}
