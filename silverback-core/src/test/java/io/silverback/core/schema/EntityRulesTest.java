package io.silverback.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-entity rule matrix of {@code schema/entity-rules.yaml}: every field type, default,
 * range, validator and entity check of ../shared/kong/declarative.md §2, with the inputs and
 * messages of Kong's schema specs (spec/01-unit/01-db/01-schema/05..15). Each case validates one
 * record as the Admin API inserts it (foreign keys as {@code {"id": ...}}) and expects either
 * Kong's error tree or a valid record containing the listed normalized values.
 *
 * <p>A case may carry {@code pending: <reason>} when Silverback is known to differ from Kong; it
 * is then skipped, not passed, so that the difference stays visible. Run with
 * {@code -Dsilverback.runPending=true} to check whether such cases pass by now.
 */
class EntityRulesTest {
  /** After every fixture certificate's "Not Before" and before their "Not After" (2126). */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final EntityRegistry REGISTRY = EntityRegistry.of(PluginRegistry.bundled(), CLOCK);
  private static final boolean RUN_PENDING = Boolean.getBoolean("silverback.runPending");

  static Stream<Arguments> cases() {
    JsonNode all = load();
    List<Arguments> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode c : all) {
      String name = c.path("name").asText("");
      if (name.isEmpty() || !c.path("entity").isTextual() || !c.path("input").isObject()
          || c.has("errors") == c.path("valid").asBoolean(false)) {
        throw new IllegalStateException("malformed case (needs name, entity, input and errors or valid): " + c);
      }
      if (!names.add(name)) {
        throw new IllegalStateException("two cases are named '" + name + "'");
      }
      out.add(Arguments.of(name, c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsKongsRule(String name, JsonNode c) {
    assumeTrue(!c.has("pending") || RUN_PENDING, () -> "pending: " + c.get("pending").asText());
    ObjectNode input = c.get("input").deepCopy();
    ErrorTree errors = SchemaValidator.validateEntity(
        REGISTRY.require(c.get("entity").asText()), input, SchemaValidator.ForeignMode.OBJECT);

    if (c.has("errors")) {
      assertThat(JsonExpectations.canonical(errors.toJson()))
          .as("Kong's errors for %s", c.get("input"))
          .isEqualTo(JsonExpectations.canonical(c.get("errors")));
      return;
    }
    assertThat(errors.isEmpty()).as("unexpected errors %s", errors.isEmpty() ? "" : errors.toJson()).isTrue();
    if (c.has("expect")) {
      Optional<String> mismatch = JsonExpectations.subsetMismatch(c.get("entity").asText(), c.get("expect"), input);
      assertThat(mismatch).as("normalized record %s", input).isEmpty();
    }
    for (JsonNode absent : c.path("absent")) {
      assertThat(input.has(absent.asText())).as("field '%s' in %s", absent.asText(), input).isFalse();
    }
  }

  private static JsonNode load() {
    try (InputStream in = EntityRulesTest.class.getResourceAsStream("/schema/entity-rules.yaml")) {
      if (in == null) {
        throw new IllegalStateException("missing resource schema/entity-rules.yaml");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
