package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code vaults} entity (kong/db/schema/entities/vaults.lua), with the vault implementations
 * Silverback ships as subschemas: {@code env}, Kong's only bundled OSS vault.
 */
public final class Vaults {
  private static final Map<String, RecordSchema> IMPLEMENTATIONS = Map.of("env", env());

  private Vaults() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("vaults")
        .endpointKey("prefix")
        .cacheKey("prefix")
        .subschemas("name", n -> Optional.ofNullable(IMPLEMENTATIONS.get(n)), "vault '%s' is not installed")
        .field("id", Typedefs.uuid())
        .field("prefix", Field.string().required().uniqueAcrossWorkspaces()
            .match("^[a-z][a-z0-9-]*?[a-z0-9]+$")
            .notOneOf(IMPLEMENTATIONS.keySet().toArray()))
        .field("name", Field.string().required())
        .field("description", Field.string())
        .field("config", Field.any())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("tags", Typedefs.tags())
        .build();
  }

  /** kong/vaults/env/schema.lua. */
  private static RecordSchema env() {
    RecordSchema config = RecordSchema.builder()
        .field("prefix", Field.string().match("^[A-Za-z_-][A-Za-z0-9_-]*$"))
        .build();
    return RecordSchema.builder().field("config", Field.record(config)).build();
  }
}
