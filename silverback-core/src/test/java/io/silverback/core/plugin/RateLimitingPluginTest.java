package io.silverback.core.plugin;

import static io.silverback.core.plugin.PluginAssertions.assertSameJson;
import static io.silverback.core.plugin.PluginAssertions.json;
import static io.silverback.core.plugin.PluginAssertions.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.ErrorTree;
import org.junit.jupiter.api.Test;

class RateLimitingPluginTest {
  private static ObjectNode rateLimiting(String config) {
    return json("{\"name\": \"rate-limiting\", \"config\": " + config + "}");
  }

  @Test
  void rateLimitingRefusesHourLimitBelowMinuteLimit() {
    ErrorTree errors = validate(rateLimiting("{\"minute\": 60, \"hour\": 1}"));

    assertThat(errors.toJson().toString())
        .isEqualTo("{\"config\":\"The limit for hour(1.0) cannot be lower than the limit for minute(60.0)\"}");
  }

  @Test
  void rateLimitingMovesDeprecatedRedisFieldsIntoRedisRecord() {
    ObjectNode plugin = rateLimiting("{\"second\": 1, \"policy\": \"redis\", \"redis_host\": \"redis.test\","
        + " \"redis_port\": 6380, \"redis_password\": \"\", \"redis_ssl\": true, \"redis_timeout\": 100,"
        + " \"redis_database\": 2, \"redis_username\": \"u\", \"redis_ssl_verify\": true, \"redis_server_name\": \"r.test\"}");

    ErrorTree errors = validate(plugin);

    assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
    assertSameJson(plugin.get("config").get("redis"), json("{\"host\": \"redis.test\", \"port\": 6380, \"timeout\": 100,"
        + " \"username\": \"u\", \"password\": \"\", \"database\": 2, \"ssl\": true, \"ssl_verify\": true,"
        + " \"server_name\": \"r.test\"}"));
    assertThat(plugin.get("config").fieldNames()).toIterable().noneMatch(f -> f.startsWith("redis_"));
  }

  @Test
  void rateLimitingAcceptsDeprecatedRedisFieldThatAgreesWithNewOne() {
    ObjectNode plugin = rateLimiting("{\"second\": 1, \"redis_port\": 6380, \"redis\": {\"port\": 6380.0}}");

    ErrorTree errors = validate(plugin);

    assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
    assertThat(plugin.get("config").get("redis").get("port").intValue()).isEqualTo(6380);
  }

  @Test
  void rateLimitingFillsNullRedisFieldFromDeprecatedOne() {
    ObjectNode plugin = rateLimiting("{\"second\": 1, \"redis_host\": \"a.test\", \"redis\": {\"host\": null}}");

    validate(plugin);

    assertThat(plugin.get("config").get("redis").get("host").textValue()).isEqualTo("a.test");
  }

  @Test
  void rateLimitingKeepsFalseRedisFlagOverDeprecatedTrueAsKongDoes() {
    ObjectNode plugin = rateLimiting("{\"second\": 1, \"redis_ssl\": true, \"redis\": {\"ssl\": false}}");

    ErrorTree errors = validate(plugin);

    assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
    assertThat(plugin.get("config").get("redis").get("ssl").booleanValue()).isFalse();
  }

  @Test
  void rateLimitingRequiresRedisHostWhenPolicyIsNull() {
    ErrorTree errors = validate(rateLimiting("{\"second\": 1, \"policy\": null}"));

    assertSameJson(errors.toJson(), json("{\"config\": {\"redis\": {\"host\": \"required field missing\"}},"
        + " \"@entity\": [\"failed conditional validation given value of field 'config.policy'\"]}"));
  }
}
