package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/**
 * The {@code response-transformer} plugin (kong/plugins/response-transformer/schema.lua): headers
 * and JSON body properties to remove, rename, replace, add and append, as {@code name:value}
 * strings.
 */
public final class ResponseTransformerPlugin {
  public static final String NAME = "response-transformer";
  public static final int PRIORITY = 800;

  private ResponseTransformerPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema remove = RecordSchema.builder()
        .field("json", TransformerFields.strings())
        .field("headers", TransformerFields.strings())
        .build();
    RecordSchema rename = RecordSchema.builder()
        .field("json", TransformerFields.colonPairs())
        .field("headers", TransformerFields.headerRenames())
        .build();
    RecordSchema config = RecordSchema.builder()
        .field("remove", Field.record(remove))
        .field("rename", Field.record(rename))
        .field("replace", Field.record(values()))
        .field("add", Field.record(values()))
        .field("append", Field.record(values()))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.http(Field.record(config)).build());
  }

  private static RecordSchema values() {
    return RecordSchema.builder()
        .field("json", TransformerFields.colonPairs())
        .field("json_types", TransformerFields.list(Field.string().oneOf("boolean", "number", "string")))
        .field("headers", TransformerFields.colonPairs())
        .build();
  }
}
