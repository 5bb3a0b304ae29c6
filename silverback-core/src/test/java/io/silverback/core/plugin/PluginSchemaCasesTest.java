package io.silverback.core.plugin;

import static io.silverback.core.plugin.PluginAssertions.assertSameJson;
import static io.silverback.core.plugin.PluginAssertions.resource;
import static io.silverback.core.plugin.PluginAssertions.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.ErrorTree;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accept and reject cases of Kong's plugin schema specs (spec/03-plugins/{@code *}
 * /schema_spec.lua), plus one per documented message, in {@code plugins/schema-cases.json}: each
 * plugin entity is validated whole and its error tree compared with Kong's, or it must be valid.
 */
class PluginSchemaCasesTest {
  static Stream<Arguments> cases() {
    return StreamSupport.stream(resource("schema-cases.json").spliterator(), false)
        .map(c -> Arguments.of(c.get("case").textValue(), c.get("plugin"), c.get("errors")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesPluginsAsKongDoes(String behaviour, JsonNode plugin, JsonNode expected) {
    ErrorTree errors = validate((ObjectNode) plugin.deepCopy());

    if (expected.isNull()) {
      assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
    } else {
      assertSameJson(errors.toJson(), expected);
    }
  }
}
