package io.silverback.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.EntityCheck;
import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.schema.Shorthand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rate-limiting} plugin (kong/plugins/rate-limiting/schema.lua).
 *
 * <p>At least one period limit is set, and a longer period never allows fewer requests than a
 * shorter one. The {@code redis} policy needs {@code config.redis.host}, {@code port} and {@code
 * timeout}; only it may sync asynchronously ({@code sync_rate} other than -1). The deprecated
 * flat fields {@code redis_host}, {@code redis_port}, ... are accepted and moved into {@code
 * config.redis}. The {@code cluster} policy exists only when the node has a database, as in Kong.
 */
public final class RateLimitingPlugin {
  public static final String NAME = "rate-limiting";
  public static final int PRIORITY = 910;

  private static final List<String> PERIODS = List.of("second", "minute", "hour", "day", "month", "year");
  private static final int SYNC_RATE_REALTIME = -1;

  private RateLimitingPlugin() {}

  /** The schema of a node with a database (policies {@code local}, {@code cluster}, {@code redis}). */
  public static PluginSchema schema() {
    return schema(false);
  }

  /**
   * The schema for a node with or without a database.
   *
   * @param dbless whether the node runs without a database ({@code database = off}) or is a control
   *     plane, where the {@code cluster} policy is not offered
   */
  public static PluginSchema schema(boolean dbless) {
    List<String> policies = dbless ? List.of("local", "redis") : List.of("local", "cluster", "redis");
    RecordSchema.Builder config = RecordSchema.builder();
    for (String period : PERIODS) {
      config.field(period, Field.number().gt(0));
    }
    config.field("limit_by", Field.string().defaultValue("consumer")
            .oneOf("consumer", "credential", "ip", "service", "header", "path"))
        .field("header_name", Typedefs.headerName())
        .field("path", Typedefs.path())
        .field("policy", Field.string().defaultValue("local").lenMin(0).oneOf(policies))
        .field("fault_tolerant", Field.bool().required().defaultValue(true))
        .field("redis", PluginFields.redis())
        .field("hide_client_headers", Field.bool().required().defaultValue(false))
        .field("error_code", Field.number().defaultValue(429).gt(0))
        .field("error_message", Field.string().defaultValue("API rate limit exceeded"))
        .field("sync_rate", Field.number().required().defaultValue(SYNC_RATE_REALTIME));
    redisShorthands(config);
    Field.Builder checkedConfig = Field.record(config.build()).customNode(RateLimitingPlugin::validatePeriodsOrder);
    RecordSchema.Builder sub = PluginFields.http(checkedConfig)
        .check(EntityChecks.atLeastOneOf(PERIODS.stream().map(p -> "config." + p).toArray(String[]::new)));
    for (String redisField : List.of("host", "port", "timeout")) {
      sub.check(requiredWhen("config.policy", "redis", "config.redis." + redisField));
    }
    sub.check(requiredWhen("config.limit_by", "header", "config.header_name"))
        .check(requiredWhen("config.limit_by", "path", "config.path"));
    return BundledPlugins.plugin(NAME, PRIORITY, sub.build());
  }

  private static EntityCheck requiredWhen(String ifField, String value, String thenField) {
    return EntityChecks.conditional(ifField, b -> b.eq(value)).thenRequired(thenField, Field.Builder::required).build();
  }

  private static void redisShorthands(RecordSchema.Builder config) {
    redisShorthand(config, "host", Field.string());
    redisShorthand(config, "port", Field.integer());
    redisShorthand(config, "password", Field.string().lenMin(0));
    redisShorthand(config, "username", Field.string());
    redisShorthand(config, "ssl", Field.bool());
    redisShorthand(config, "ssl_verify", Field.bool());
    redisShorthand(config, "server_name", Field.string());
    redisShorthand(config, "timeout", Field.integer());
    redisShorthand(config, "database", Field.integer());
  }

  private static void redisShorthand(RecordSchema.Builder config, String field, Field.Builder type) {
    config.shorthand(Shorthand.deprecated("redis_" + field, type.build(), value -> {
      ObjectNode out = Json.object();
      out.putObject("redis").set(field, value);
      return out;
    }, "redis." + field));
  }

  /** Kong's {@code validate_periods_order}, which also rules on {@code sync_rate}. */
  private static Optional<String> validatePeriodsOrder(JsonNode config) {
    for (int i = 0; i < PERIODS.size(); i++) {
      JsonNode lower = config.get(PERIODS.get(i));
      if (lower == null || !lower.isNumber()) {
        continue;
      }
      for (int j = i + 1; j < PERIODS.size(); j++) {
        JsonNode upper = config.get(PERIODS.get(j));
        if (upper != null && upper.isNumber() && upper.doubleValue() < lower.doubleValue()) {
          return Optional.of(String.format("The limit for %s(%s) cannot be lower than the limit for %s(%s)",
              PERIODS.get(j), oneDecimal(upper.doubleValue()), PERIODS.get(i), oneDecimal(lower.doubleValue())));
        }
      }
    }
    boolean redis = "redis".equals(config.path("policy").textValue());
    double syncRate = config.path("sync_rate").asDouble(SYNC_RATE_REALTIME);
    if (!redis && syncRate != SYNC_RATE_REALTIME) {
      return Optional.of("sync_rate can only be used with the redis policy");
    }
    if (redis && syncRate != SYNC_RATE_REALTIME && syncRate < 0.02) {
      return Optional.of("sync_rate must be greater than 0.02, or -1 to disable");
    }
    return Optional.empty();
  }

  /**
   * LuaJIT's {@code %.1f}, which formats floats itself rather than with C's printf: the exact
   * binary value, with exact ties rounded away from zero (0.25 gives 0.3, 0.35 gives 0.3).
   */
  static String oneDecimal(double d) {
    return new BigDecimal(d).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
