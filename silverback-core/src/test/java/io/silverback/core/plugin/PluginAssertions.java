package io.silverback.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.Plugins;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.SchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;

/** Validation of whole plugin entities and JSON comparison for the plugin tests. */
final class PluginAssertions {
  static final EntitySchema PLUGINS = Plugins.schema(PluginRegistry.bundled());

  /** Numbers compare by value (Kong's JSON does not tell 60 from 60.0), everything else exactly. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private PluginAssertions() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode resource(String name) {
    try (InputStream in = PluginAssertions.class.getResourceAsStream("/plugins/" + name)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates {@code plugin} (normalized in place) as the Admin API does. */
  static ErrorTree validate(EntitySchema schema, ObjectNode plugin) {
    return SchemaValidator.validateEntity(schema, plugin, SchemaValidator.ForeignMode.OBJECT);
  }

  static ErrorTree validate(ObjectNode plugin) {
    return validate(PLUGINS, plugin);
  }

  /** Asserts that two JSON values are equal, numbers by value, and shows both when not. */
  static void assertSameJson(JsonNode actual, JsonNode expected) {
    assertThat(actual.equals(NUMBERS_BY_VALUE, expected))
        .as("expected %s%nbut was  %s", expected, actual)
        .isTrue();
  }

  /** Asserts that {@code plugin} is valid, showing the errors when it is not. */
  static void assertValid(ObjectNode plugin) {
    ErrorTree errors = validate(plugin);
    assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
  }
}
