package io.silverback.core.plugin;

import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;

/** The {@code key-auth} plugin (kong/plugins/key-auth/schema.lua): API keys in headers, query or body. */
public final class KeyAuthPlugin {
  public static final String NAME = "key-auth";
  public static final int PRIORITY = 1250;

  private KeyAuthPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("key_names", Field.array(Typedefs.headerName().build()).required().defaultValue(List.of("apikey")))
        .field("hide_credentials", Field.bool().required().defaultValue(false))
        .field("anonymous", Field.string())
        .field("key_in_header", Field.bool().required().defaultValue(true))
        .field("key_in_query", Field.bool().required().defaultValue(true))
        .field("key_in_body", Field.bool().required().defaultValue(false))
        .field("run_on_preflight", Field.bool().required().defaultValue(true))
        .field("realm", Field.string())
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config)).build());
  }
}
