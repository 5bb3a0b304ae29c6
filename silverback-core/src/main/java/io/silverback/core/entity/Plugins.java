package io.silverback.core.entity;

import io.silverback.core.plugin.PluginRegistry;
import io.silverback.core.plugin.PluginSchema;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;

/**
 * The {@code plugins} entity (kong/db/schema/entities/plugins.lua); {@code config} and the
 * scoping fields are refined per plugin name by the {@link PluginRegistry}.
 */
public final class Plugins {
  /** Kong's message for a plugin name that is not loaded. */
  public static final String NOT_ENABLED = "plugin '%s' not enabled; add it to the 'plugins' configuration property";

  private Plugins() {}

  /** The schema, knowing the plugins of {@code registry}. */
  public static EntitySchema schema(PluginRegistry registry) {
    return EntitySchema.entity("plugins")
        .endpointKey("instance_name")
        .cacheKey("name", "route", "service", "consumer")
        .subschemas("name", n -> registry.get(n).map(PluginSchema::subschema), NOT_ENABLED)
        .field("id", Typedefs.uuid())
        .field("name", Field.string().required())
        .field("instance_name", Typedefs.utf8Name())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("route", Field.foreign("routes").defaultNull().onDeleteCascade())
        .field("service", Field.foreign("services").defaultNull().onDeleteCascade())
        .field("consumer", Field.foreign("consumers").defaultNull().onDeleteCascade())
        .field("config", Field.any())
        .field("protocols", Typedefs.protocols())
        .field("enabled", Field.bool().required().defaultValue(true))
        .field("tags", Typedefs.tags())
        .build();
  }
}
