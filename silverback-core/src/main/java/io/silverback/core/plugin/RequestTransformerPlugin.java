package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.Optional;

/**
 * The {@code request-transformer} plugin (kong/plugins/request-transformer/schema.lua): headers,
 * query arguments and body parameters to remove, rename, replace, add and append, plus a new
 * method and URI.
 *
 * <p>Body and query values are Penlight templates ({@code $(uri_captures.user)}); each {@code
 * $(...)} must hold a Lua expression, checked by {@link LuaTemplate}. Kong raises a Lua error
 * (an HTTP 500) on such an entry that starts with a colon; Silverback refuses it with {@code
 * invalid value: <entry>}.
 */
public final class RequestTransformerPlugin {
  public static final String NAME = "request-transformer";
  public static final int PRIORITY = 801;

  private RequestTransformerPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema remove = RecordSchema.builder()
        .field("body", TransformerFields.strings())
        .field("headers", TransformerFields.headerNames())
        .field("querystring", TransformerFields.strings())
        .build();
    RecordSchema rename = RecordSchema.builder()
        .field("body", templates())
        .field("headers", TransformerFields.headerRenames())
        .field("querystring", templates())
        .build();
    RecordSchema replace = values().field("uri", Field.string()).build();
    RecordSchema config = RecordSchema.builder()
        .field("http_method", PluginFields.httpMethod())
        .field("remove", Field.record(remove))
        .field("rename", Field.record(rename))
        .field("replace", Field.record(replace))
        .field("add", Field.record(values().build()))
        .field("append", Field.record(values().build()))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.anyProtocol(Field.record(config)).build());
  }

  private static RecordSchema.Builder values() {
    return RecordSchema.builder()
        .field("body", templates())
        .field("headers", TransformerFields.headerValuePairs())
        .field("querystring", templates());
  }

  private static Field.Builder templates() {
    return TransformerFields.list(Field.string().custom(RequestTransformerPlugin::checkForValue));
  }

  /** Kong's {@code check_for_value}: a name, a non-empty value, and a template that compiles. */
  private static Optional<String> checkForValue(String entry) {
    Optional<String> name = TransformerFields.name(entry);
    if (name.isEmpty()) {
      return Optional.of("invalid value: " + entry);
    }
    String value = TransformerFields.value(entry);
    if (value.isEmpty()) {
      return Optional.of("key '" + name.get() + "' has no value");
    }
    return LuaTemplate.compileError(value)
        .map(err -> "value '" + value + "' is not in supported format, error:" + err);
  }
}
