package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.typedef.Regexes;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cors} plugin (kong/plugins/cors/schema.lua). Each origin is {@code *} or a regex
 * that PCRE2 compiles (Kong's {@code is_regex}, decided by {@link Regexes}); a plain domain is a
 * valid regex too.
 */
public final class CorsPlugin {
  public static final String NAME = "cors";
  public static final int PRIORITY = 2000;

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private CorsPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("origins", Field.array(Field.string().custom(CorsPlugin::validateOrigin).build()))
        .field("headers", Field.array(Field.string().build()))
        .field("exposed_headers", Field.array(Field.string().build()))
        .field("methods", Field.array(Field.string().oneOf(METHODS).build()).defaultValue(METHODS))
        .field("max_age", Field.number())
        .field("credentials", Field.bool().required().defaultValue(false))
        .field("private_network", Field.bool().required().defaultValue(false))
        .field("preflight_continue", Field.bool().required().defaultValue(false))
        .field("allow_origin_absent", Field.bool().required().defaultValue(true))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config)).build());
  }

  private static Optional<String> validateOrigin(String origin) {
    if (origin.equals("*") || Regexes.regexError(origin).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("'" + origin + "' is not a valid regex");
  }
}
