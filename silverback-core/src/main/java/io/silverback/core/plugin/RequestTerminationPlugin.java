package io.silverback.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.Optional;

/**
 * The {@code request-termination} plugin (kong/plugins/request-termination/schema.lua): a
 * {@code message} excludes a raw {@code body} and its {@code content_type}, a {@code content_type}
 * needs a {@code body}, and {@code echo} excludes both.
 */
public final class RequestTerminationPlugin {
  public static final String NAME = "request-termination";
  public static final int PRIORITY = 2;

  private RequestTerminationPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("status_code", Field.integer().required().defaultValue(503).between(100, 599))
        .field("message", Field.string())
        .field("content_type", Field.string())
        .field("body", Field.string())
        .field("echo", Field.bool().required().defaultValue(false))
        .field("trigger", Typedefs.headerName())
        .build();
    Field.Builder checkedConfig = Field.record(config).customNode(RequestTerminationPlugin::validateResponse);
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.http(checkedConfig).build());
  }

  private static Optional<String> validateResponse(JsonNode config) {
    boolean message = isPresent(config.get("message"));
    boolean contentType = isPresent(config.get("content_type"));
    boolean body = isPresent(config.get("body"));
    if (message && (contentType || body)) {
      return Optional.of("message cannot be used with content_type or body");
    }
    if (contentType && !body) {
      return Optional.of("content_type requires a body");
    }
    if (config.path("echo").asBoolean(false) && (contentType || body)) {
      return Optional.of("echo cannot be used with content_type and body");
    }
    return Optional.empty();
  }

  private static boolean isPresent(JsonNode value) {
    return value != null && value.isTextual() && !value.textValue().isEmpty();
  }
}
