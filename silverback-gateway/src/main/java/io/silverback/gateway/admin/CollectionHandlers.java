package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import java.util.List;

/** {@code GET} and {@code POST} on a top-level collection ({@code /services}), and Kong's {@code /consumers?custom_id=}. */
final class CollectionHandlers {
  private final EntityOps ops;
  private final EntitySchema schema;

  CollectionHandlers(EntityOps ops, EntitySchema schema) {
    this.ops = ops;
    this.schema = schema;
  }

  Reply list(AdminRequest request) {
    if (schema.name().equals("consumers") && request.query().containsKey("custom_id")) {
      return byCustomId(request.query().get("custom_id"));
    }
    return Listing.top(ops.store(), schema, request);
  }

  /**
   * {@code GET /consumers?custom_id=x} ({@code kong/api/routes/consumers.lua}): the one consumer
   * with that {@code custom_id} as a page of its own, or an empty page.
   */
  private Reply byCustomId(List<String> values) {
    if (values.size() != 1 || values.get(0).isEmpty()) {
      throw AdminException.of(400, "custom_id must be an unempty string");
    }
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    ops.store().selectByUnique(schema.name(), "custom_id", values.get(0))
        .ifPresent(c -> data.add(ops.json(c)));
    body.putNull("next");
    return Reply.ok(body);
  }

  Reply create(AdminRequest request) {
    return Reply.created(ops.json(ops.create(schema, request.body(schema))));
  }
}
