package io.silverback.core.plugin;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;

/**
 * The {@code jwt} plugin (kong/plugins/jwt/schema.lua). A positive {@code maximum_expiration}
 * requires {@code exp} among {@code claims_to_verify} when that set is given.
 */
public final class JwtPlugin {
  public static final String NAME = "jwt";
  public static final int PRIORITY = 1450;

  private JwtPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("uri_param_names", Field.set(Field.string().build()).defaultValue(List.of("jwt")))
        .field("cookie_names", Field.set(Field.string().build()).defaultValue(List.of()))
        .field("key_claim_name", Field.string().defaultValue("iss"))
        .field("secret_is_base64", Field.bool().required().defaultValue(false))
        .field("claims_to_verify", Field.set(Field.string().oneOf("exp", "nbf").build()))
        .field("anonymous", Field.string())
        .field("run_on_preflight", Field.bool().required().defaultValue(true))
        .field("maximum_expiration", Field.number().defaultValue(0).between(0, 31_536_000))
        .field("header_names", Field.set(Field.string().build()).defaultValue(List.of("authorization")))
        .field("realm", Field.string())
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config))
        .check(EntityChecks.conditional("config.maximum_expiration", b -> b.gt(0))
            .then("config.claims_to_verify", b -> b.contains("exp"))
            .build())
        .build());
  }
}
