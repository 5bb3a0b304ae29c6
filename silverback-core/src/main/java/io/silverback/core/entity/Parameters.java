package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;

/**
 * The {@code parameters} entity (kong/db/schema/entities/parameters.lua): node-wide key/value
 * pairs such as {@code cluster_id}. Kong's exports carry it, so declarative files accept it.
 */
public final class Parameters {
  private Parameters() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("parameters")
        .primaryKey("key")
        .notWorkspaceable()
        .cacheKey("key")
        .field("created_at", Typedefs.timestamp())
        .field("key", Field.string().required().unique())
        .field("value", Field.string().required())
        .build();
  }
}
