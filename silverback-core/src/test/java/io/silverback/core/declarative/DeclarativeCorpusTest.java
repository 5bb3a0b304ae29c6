package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.plugin.PluginRegistry;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.JsonExpectations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The declarative corpus of {@code corpus/valid} and {@code corpus/invalid}: files Kong accepts
 * or refuses, each with what Kong makes of it in {@code <name>.expected.json}.
 *
 * <p>Valid files must parse; their optional expectation lists {@code counts} (every entity type
 * of the result with its count), {@code ids} (ids that must exist, per type) and {@code fields}
 * ({@code "<type>/<id>"} to values the normalized record must contain). Invalid files must be
 * refused with exactly the error tree {@code fields} (compared as JSON values), or one whose
 * string leaves match the regular expressions of {@code fields_like} (for the parser texts of
 * lyaml and cjson, which no Java parser reproduces), and, when given, the {@code flattened}
 * errors as a multiset. An expectation with {@code pending: <reason>} marks a known difference
 * from Kong; the file is skipped, not passed (run with {@code -Dsilverback.runPending=true} to
 * check it anyway). One with {@code departure: <reason>} is a deliberate difference (see the
 * README): {@code fields} holds Silverback's answer and {@code kong_fields}, for reference,
 * Kong's.
 */
class DeclarativeCorpusTest {
  /** After every fixture certificate's "Not Before" and before their "Not After" (2126). */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final DeclarativeConfigParser PARSER =
      DeclarativeConfigParser.of(EntityRegistry.of(PluginRegistry.bundled(), CLOCK))
          .withClock(CLOCK)
          .keepingInputForErrors();
  private static final boolean RUN_PENDING = Boolean.getBoolean("silverback.runPending");

  @TestFactory
  Stream<DynamicTest> kongAcceptsEveryValidFile() {
    return files("valid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkValid(f)));
  }

  @TestFactory
  Stream<DynamicTest> kongRefusesEveryInvalidFileWithItsErrors() {
    return files("invalid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkInvalid(f)));
  }

  private static void checkValid(Path file) {
    Optional<JsonNode> expected = expectation(file);
    skipIfPending(expected);
    ParseResult result = PARSER.parseFile(file);
    if (!result.isValid()) {
      fail(file.getFileName() + " refused with " + result.errors().orElseThrow().fields().toJson());
    }
    String name = file.getFileName().toString();
    Config config = result.orThrow().config();
    expected.ifPresent(e -> {
      checkCounts(name, e.path("counts"), config);
      checkIds(name, e.path("ids"), config);
      checkFields(name, e.path("fields"), config);
    });
  }

  private static void checkCounts(String name, JsonNode counts, Config config) {
    if (counts.isMissingNode()) {
      return;
    }
    Map<String, Integer> want = new TreeMap<>();
    counts.fields().forEachRemaining(c -> want.put(c.getKey(), c.getValue().asInt()));
    assertThat(new TreeMap<>(config.counts())).as("%s entity counts", name).isEqualTo(want);
  }

  private static void checkIds(String name, JsonNode ids, Config config) {
    for (Map.Entry<String, JsonNode> type : Json.fields(ids)) {
      for (JsonNode id : type.getValue()) {
        assertThat(config.get(type.getKey(), id.asText()))
            .as("%s: %s %s among %s", name, type.getKey(), id.asText(), ids(config, type.getKey()))
            .isPresent();
      }
    }
  }

  private static void checkFields(String name, JsonNode fields, Config config) {
    for (Map.Entry<String, JsonNode> entry : Json.fields(fields)) {
      String[] key = entry.getKey().split("/", 2);
      Optional<Entity> entity = config.get(key[0], key[1]);
      assertThat(entity).as("%s: %s among %s", name, entry.getKey(), ids(config, key[0])).isPresent();
      assertThat(JsonExpectations.subsetMismatch(entry.getKey(), entry.getValue(), entity.get().fields()))
          .as("%s: record %s", name, entity.get().fields())
          .isEmpty();
    }
  }

  private static void checkInvalid(Path file) {
    JsonNode e = expectation(file).orElseThrow(() -> new AssertionError("no expectation for " + file));
    assertThat(e.has("fields") || e.has("fields_like")).as("%s expects fields or fields_like", file).isTrue();
    skipIfPending(Optional.of(e));
    ParseResult result = PARSER.parseFile(file);
    String name = file.getFileName().toString();
    assertThat(result.isValid()).as("Kong refuses %s", name).isFalse();
    DeclarativeErrors errors = result.errors().orElseThrow();
    JsonNode fields = errors.fields().toJson();
    if (e.has("fields")) {
      assertThat(JsonExpectations.canonical(fields)).as("%s fields", name)
          .isEqualTo(JsonExpectations.canonical(e.get("fields")));
    }
    if (e.has("fields_like")) {
      assertThat(JsonExpectations.patternMismatch("fields", e.get("fields_like"), fields))
          .as("%s fields", name)
          .isEmpty();
    }
    if (e.has("flattened")) {
      assertThat(JsonExpectations.multiset(errors.flattenedErrors())).as("%s flattened errors", name)
          .isEqualTo(JsonExpectations.multiset(e.get("flattened")));
    }
  }

  private static void skipIfPending(Optional<JsonNode> expected) {
    JsonNode pending = expected.map(e -> e.path("pending")).orElse(Json.NODES.missingNode());
    assumeTrue(pending.isMissingNode() || RUN_PENDING, () -> "pending: " + pending.asText());
  }

  private static String ids(Config config, String type) {
    return config.all(type).stream().map(Entity::id).toList().toString();
  }

  private static Optional<JsonNode> expectation(Path file) {
    String name = file.getFileName().toString();
    Path json = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.json");
    if (!Files.exists(json)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(json.toFile()));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static Stream<Path> files(String kind) {
    try {
      Path dir = Path.of(DeclarativeCorpusTest.class.getResource("/corpus/" + kind).toURI());
      try (Stream<Path> list = Files.list(dir)) {
        return list.filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
            .sorted()
            .toList()
            .stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
