package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/** The {@code correlation-id} plugin (kong/plugins/correlation-id/schema.lua). */
public final class CorrelationIdPlugin {
  public static final String NAME = "correlation-id";
  public static final int PRIORITY = 100001;

  private CorrelationIdPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("header_name", Field.string().defaultValue("Kong-Request-ID"))
        .field("generator", Field.string().defaultValue("uuid#counter").required()
            .oneOf("uuid", "uuid#counter", "tracker"))
        .field("echo_downstream", Field.bool().required().defaultValue(false))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.http(Field.record(config)).build());
  }
}
