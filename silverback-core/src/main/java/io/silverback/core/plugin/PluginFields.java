package io.silverback.core.plugin;

import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.typedef.SocketUrl;
import java.util.Optional;

/**
 * Field definitions that several bundled plugins share: Kong's {@code typedefs.url}, {@code
 * typedefs.http_method}, {@code typedefs.lua_code}, {@code typedefs.queue}
 * (kong/tools/queue_schema.lua) and the Redis record of kong/tools/redis/schema.lua.
 */
final class PluginFields {
  private static final double MAX_QUEUE_SIZE = 1_000_000;

  private PluginFields() {}

  /** The subschema of a plugin for http protocols that cannot be scoped to a consumer. */
  static RecordSchema.Builder withoutConsumer(Field.Builder config) {
    return RecordSchema.builder()
        .field("consumer", Typedefs.noConsumer())
        .field("protocols", Typedefs.protocolsHttp())
        .field("config", config);
  }

  /** The subschema of a plugin for http protocols ({@code typedefs.protocols_http}). */
  static RecordSchema.Builder http(Field.Builder config) {
    return RecordSchema.builder()
        .field("protocols", Typedefs.protocolsHttp())
        .field("config", config);
  }

  /** The subschema of a plugin that accepts any protocol ({@code typedefs.protocols}). */
  static RecordSchema.Builder anyProtocol(Field.Builder config) {
    return RecordSchema.builder()
        .field("protocols", Typedefs.protocols())
        .field("config", config);
  }

  /**
   * {@code typedefs.url}: a URL with a scheme and a host, as LuaSocket parses it.
   *
   * @return the field, refused with {@code missing host in url} or {@code missing scheme in url}
   */
  static Field.Builder url() {
    return Field.string().custom(PluginFields::validateUrl);
  }

  private static Optional<String> validateUrl(String url) {
    SocketUrl parsed = SocketUrl.parse(url);
    if (parsed.host().isEmpty()) {
      return Optional.of("missing host in url");
    }
    if (parsed.scheme().isEmpty()) {
      return Optional.of("missing scheme in url");
    }
    return Optional.empty();
  }

  /** {@code typedefs.http_method}: upper-case ASCII letters only (Lua's {@code ^%u+$}). */
  static Field.Builder httpMethod() {
    return Field.string().match("^[A-Z]+\\z");
  }

  /**
   * {@code typedefs.lua_code}: a map of non-empty names to non-empty Lua chunks that compile.
   * Kong compiles each chunk in its sandbox ({@code untrusted_lua = sandbox}, the default); the
   * chunk is checked here by {@link LuaSyntax} and never run, as Silverback runs no Lua.
   */
  static Field.Builder luaCode() {
    Field chunk = Field.string().lenMin(1)
        .custom(code -> LuaSyntax.check(code, code).map(err -> "Error parsing function: " + err))
        .build();
    return Field.map(Field.string().lenMin(1).build(), chunk);
  }

  /** {@code typedefs.queue}: the batching queue of the log plugins. */
  static Field.Builder queue() {
    RecordSchema queue = RecordSchema.builder()
        .field("max_batch_size", Field.integer().defaultValue(1).between(1, MAX_QUEUE_SIZE))
        .field("max_coalescing_delay", Field.number().defaultValue(1).between(0, 3600))
        .field("max_entries", Field.integer().defaultValue(10000).between(1, MAX_QUEUE_SIZE))
        .field("max_bytes", Field.integer())
        .field("max_retry_time", Field.number().defaultValue(60))
        .field("initial_retry_delay", Field.number().defaultValue(0.01).between(0.001, MAX_QUEUE_SIZE))
        .field("max_retry_delay", Field.number().defaultValue(60).between(0.001, MAX_QUEUE_SIZE))
        .field("concurrency_limit", Field.integer().defaultValue(1).oneOf(-1, 1))
        .build();
    return Field.record(queue);
  }

  /** The {@code redis} record of the plugins that keep counters in Redis. */
  static Field.Builder redis() {
    RecordSchema redis = RecordSchema.builder()
        .field("host", Typedefs.host())
        .field("port", Typedefs.port().defaultValue(6379))
        .field("timeout", Typedefs.timeout().defaultValue(2000))
        .field("username", Field.string().referenceable())
        .field("password", Field.string().referenceable().sensitive().lenMin(0))
        .field("database", Field.integer().defaultValue(0))
        .field("ssl", Field.bool().defaultValue(false))
        .field("ssl_verify", Field.bool().defaultValue(false))
        .field("server_name", Typedefs.sni())
        .build();
    return Field.record(redis);
  }
}
