package io.silverback.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.typedef.SocketUrl;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http-log} plugin (kong/plugins/http-log/schema.lua). {@code http_endpoint} is a URL
 * with scheme and host; the extra {@code headers} cannot set {@code Host}, {@code Content-Length}
 * or {@code Content-Type}, nor {@code Authorization} when the URL carries user info. Kong's
 * {@code Content-Length} pattern reads {@code [nn]} where {@code [Nn]} was meant, so an upper-case
 * N there slips through; Silverback keeps that.
 *
 * <p>{@code retry_count}, {@code queue_size} and {@code flush_timeout} are deprecated: Kong only
 * logs a warning when they are set, and so they are plain optional fields here. {@code
 * custom_fields_by_lua} chunks must compile (see {@link PluginFields#luaCode()}).
 */
public final class HttpLogPlugin {
  public static final String NAME = "http-log";
  public static final int PRIORITY = 12;

  private HttpLogPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    Field.Builder headerNames = Typedefs.headerName()
        .matchNone("^[Hh][Oo][Ss][Tt]\\z", "cannot contain 'Host' header")
        .matchNone("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee]n[Gg][Tt][Hh]\\z",
            "cannot contain 'Content-Length' header")
        .matchNone("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]\\z", "cannot contain 'Content-Type' header");
    RecordSchema config = RecordSchema.builder()
        .field("http_endpoint", PluginFields.url().required().referenceable().sensitive())
        .field("method", Field.string().defaultValue("POST").oneOf("POST", "PUT", "PATCH"))
        .field("content_type", Field.string().defaultValue("application/json")
            .oneOf("application/json", "application/json; charset=utf-8"))
        .field("timeout", Field.number().defaultValue(10000))
        .field("keepalive", Field.number().defaultValue(60000))
        .field("retry_count", Field.integer())
        .field("queue_size", Field.integer())
        .field("flush_timeout", Field.number())
        .field("headers", Field.map(headerNames.build(), Field.string().referenceable().build()))
        .field("queue", PluginFields.queue())
        .field("custom_fields_by_lua", PluginFields.luaCode())
        .build();
    Field.Builder checkedConfig = Field.record(config).customNode(HttpLogPlugin::validateAuthorization);
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.anyProtocol(checkedConfig).build());
  }

  /** User info in the endpoint already makes an Authorization header; a second one is refused. */
  private static Optional<String> validateAuthorization(JsonNode config) {
    JsonNode endpoint = config.get("http_endpoint");
    JsonNode headers = config.get("headers");
    if (endpoint == null || !endpoint.isTextual() || headers == null || !headers.isObject()) {
      return Optional.empty();
    }
    if (SocketUrl.parse(endpoint.textValue()).userinfo().isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> header : Json.fields(headers)) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals("authorization")) {
        return Optional.of("specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed");
      }
    }
    return Optional.empty();
  }
}
