package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;

/** The {@code snis} entity (kong/db/schema/entities/snis.lua): names unique across workspaces. */
public final class Snis {
  private Snis() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("snis")
        .endpointKey("name")
        .field("id", Typedefs.uuid())
        .field("name", Typedefs.wildcardHost().required().uniqueAcrossWorkspaces())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("tags", Typedefs.tags())
        .field("certificate", Field.foreign("certificates").required())
        .build();
  }
}
