package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;

/** The {@code key_sets} entity (kong/db/schema/entities/key_sets.lua), served at {@code /key-sets}. */
public final class KeySets {
  private KeySets() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("key_sets")
        .endpointKey("name")
        .adminApiName("key-sets")
        .field("id", Typedefs.uuid())
        .field("name", Field.string().unique())
        .field("tags", Typedefs.tags())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .build();
  }
}
