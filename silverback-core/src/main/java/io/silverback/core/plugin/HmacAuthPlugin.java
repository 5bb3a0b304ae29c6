package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;

/** The {@code hmac-auth} plugin (kong/plugins/hmac-auth/schema.lua). */
public final class HmacAuthPlugin {
  public static final String NAME = "hmac-auth";
  public static final int PRIORITY = 1030;

  private static final List<String> ALGORITHMS = List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

  private HmacAuthPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("hide_credentials", Field.bool().required().defaultValue(false))
        .field("clock_skew", Field.number().defaultValue(300).gt(0))
        .field("anonymous", Field.string())
        .field("validate_request_body", Field.bool().required().defaultValue(false))
        .field("enforce_headers", Field.array(Field.string().build()).defaultValue(List.of()))
        .field("algorithms", Field.array(Field.string().oneOf(ALGORITHMS).build()).defaultValue(ALGORITHMS))
        .field("realm", Field.string())
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config)).build());
  }
}
