package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/** The {@code basic-auth} plugin (kong/plugins/basic-auth/schema.lua). */
public final class BasicAuthPlugin {
  public static final String NAME = "basic-auth";
  public static final int PRIORITY = 1100;

  private BasicAuthPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("anonymous", Field.string())
        .field("hide_credentials", Field.bool().required().defaultValue(false))
        .field("realm", Field.string().required().defaultValue("service"))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config)).build());
  }
}
