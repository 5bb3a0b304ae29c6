package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/** The {@code request-size-limiting} plugin (kong/plugins/request-size-limiting/schema.lua). */
public final class RequestSizeLimitingPlugin {
  public static final String NAME = "request-size-limiting";
  public static final int PRIORITY = 951;

  private RequestSizeLimitingPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("allowed_payload_size", Field.integer().defaultValue(128))
        .field("size_unit", Field.string().required().defaultValue("megabytes")
            .oneOf("megabytes", "kilobytes", "bytes"))
        .field("require_content_length", Field.bool().required().defaultValue(false))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.http(Field.record(config)).build());
  }
}
