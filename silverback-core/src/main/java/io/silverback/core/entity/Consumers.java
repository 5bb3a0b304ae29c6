package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;

/** The {@code consumers} entity (kong/db/schema/entities/consumers.lua). */
public final class Consumers {
  private Consumers() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("consumers")
        .endpointKey("username")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("username", Field.string().unique())
        .field("custom_id", Field.string().unique())
        .field("tags", Typedefs.tags())
        .check(EntityChecks.atLeastOneOf("custom_id", "username"))
        .build();
  }
}
