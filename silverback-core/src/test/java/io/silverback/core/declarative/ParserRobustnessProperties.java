package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input never escapes as an exception: random documents, and valid documents mutated at a
 * random place, always come back as a config or as errors whose every leaf is a message.
 */
class ParserRobustnessProperties {
  private static final DeclarativeConfigParser PARSER =
      DeclarativeConfigParser.of(EntityRegistry.standard()).keepingInputForErrors();

  private static final List<String> KEYS = List.of(
      "_format_version", "_transform", "_comment", "services", "routes", "consumers", "plugins",
      "upstreams", "targets", "certificates", "snis", "name", "host", "port", "paths", "url",
      "protocols", "service", "config", "username", "keyauth_credentials", "id", "tags", "minute",
      "hosts", "methods", "target", "upstream", "consumer", "key", "weight", "healthchecks");

  @Property(tries = 300)
  void randomDocumentsGiveAConfigOrMessages(@ForAll("documents") JsonNode doc) {
    assertOutcomeIsClean(doc.deepCopy());
    assertTextOutcomeIsClean(doc.toString());
  }

  @Property(tries = 500)
  void mutatedValidDocumentsGiveAConfigOrMessages(@ForAll("mutations") JsonNode doc) {
    assertOutcomeIsClean(doc);
  }

  @Property(tries = 200)
  void arbitraryTextGivesAConfigOrMessages(@ForAll("texts") String text) {
    assertTextOutcomeIsClean(text);
  }

  private static void assertOutcomeIsClean(JsonNode doc) {
    ParseResult r = PARSER.parse(doc);
    assertClean(r);
  }

  private static void assertTextOutcomeIsClean(String text) {
    assertClean(PARSER.parseString(text));
  }

  private static void assertClean(ParseResult r) {
    if (r.isValid()) {
      assertThat(r.config().orElseThrow().hash()).hasSize(32);
      return;
    }
    DeclarativeErrors e = r.errors().orElseThrow();
    assertThat(e.fields().isEmpty()).isFalse();
    assertLeavesAreMessages(e.fields());
    assertThat(e.report()).startsWith("Failed parsing:\n").hasSizeGreaterThan(17);
    assertThat(e.message()).startsWith("declarative config is invalid: {");
    ObjectNode body = e.toBody(true);
    assertThat(body.get("code").asInt()).isEqualTo(14);
    assertThat(body.get("flattened_errors").isArray()).isTrue();
  }

  private static void assertLeavesAreMessages(ErrorTree t) {
    for (Object k : t.keys()) {
      Object v = t.get(k);
      if (v instanceof ErrorTree sub) {
        assertThat(sub.isEmpty()).as("empty subtree under %s", k).isFalse();
        assertLeavesAreMessages(sub);
      } else if (v instanceof List<?> list) {
        assertThat(list).isNotEmpty().allSatisfy(m -> assertThat(String.valueOf(m)).isNotBlank());
      } else {
        assertThat(String.valueOf(v)).isNotBlank();
      }
    }
  }

  @Provide
  Arbitrary<JsonNode> documents() {
    return objects(3).map(o -> {
      if (o.isObject() && Math.abs(o.hashCode()) % 3 != 0) {
        ((ObjectNode) o).put("_format_version", "3.0");
      }
      return o;
    });
  }

  private Arbitrary<JsonNode> values(int depth) {
    Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) Json.NODES.textNode(s)),
        Arbitraries.of("3.0", "1.1", "http", "https", "example.com", "/a", "~/a(", "key-auth",
            "rate-limiting", "u1", "0855b320-0dd2-547d-891d-601e9b38647f").map(s -> (JsonNode) Json.NODES.textNode(s)),
        Arbitraries.integers().between(-70000, 70000).map(i -> (JsonNode) Json.NODES.numberNode(i)),
        Arbitraries.doubles().map(d -> (JsonNode) Json.NODES.numberNode(d)),
        Arbitraries.of(true, false).map(b -> (JsonNode) Json.NODES.booleanNode(b)),
        Arbitraries.just((JsonNode) Json.NODES.nullNode()));
    if (depth == 0) {
      return scalars;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalars),
        net.jqwik.api.Tuple.of(2, objects(depth - 1)),
        net.jqwik.api.Tuple.of(2, values(depth - 1).list().ofMaxSize(3).map(ParserRobustnessProperties::array)));
  }

  private Arbitrary<JsonNode> objects(int depth) {
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofLength(3));
    return Combinators.combine(keys, values(depth)).as(Map::entry).list().ofMaxSize(5).map(entries -> {
      ObjectNode o = Json.object();
      entries.forEach(e -> o.set(e.getKey(), e.getValue()));
      return o;
    });
  }

  private static JsonNode array(List<JsonNode> items) {
    ArrayNode a = Json.array();
    items.forEach(a::add);
    return a;
  }

  @Provide
  Arbitrary<JsonNode> mutations() {
    return Combinators.combine(Arbitraries.of(ValidDocuments.all()), Arbitraries.integers().between(0, 10_000),
        values(1), Arbitraries.integers().between(0, 3)).as((text, where, replacement, how) -> {
          JsonNode doc = DeclarativeReader.read(text);
          List<JsonNode> containers = new ArrayList<>();
          collect(doc, containers);
          JsonNode target = containers.get(where % containers.size());
          mutate(target, where, replacement, how);
          return doc;
        });
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.elements().forEachRemaining(c -> collect(c, out));
    }
  }

  private static void mutate(JsonNode target, int where, JsonNode replacement, int how) {
    if (target.isObject()) {
      ObjectNode o = (ObjectNode) target;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || how == 3) {
        o.set(KEYS.get(where % KEYS.size()), replacement);
        return;
      }
      String name = names.get(where % names.size());
      if (how == 0) {
        o.remove(name);
      } else {
        o.set(name, replacement);
      }
    } else {
      ArrayNode a = (ArrayNode) target;
      if (a.isEmpty() || how == 3) {
        a.add(replacement);
      } else if (how == 0) {
        a.remove(where % a.size());
      } else if (how == 1) {
        a.add(a.get(where % a.size()).deepCopy());
      } else {
        a.set(where % a.size(), replacement);
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.of(ValidDocuments.all()).flatMap(doc -> Arbitraries.integers().between(0, doc.length())
            .map(cut -> doc.substring(0, cut))),
        Arbitraries.of("{", "[", "---\n- a", "a: [", "a: *x", "&a [*a]", "{\"_format_version\":\"3.0\",}",
            "_format_version: \"3.0\"\n_format_version: \"3.0\"\n", "\t- x"));
  }

  /** Valid documents to mutate. */
  static final class ValidDocuments {
    static List<String> all() {
      return List.of("""
          _format_version: "3.0"
          services:
            - name: s1
              url: http://example.com/api
              routes:
                - name: r1
                  paths: [/a]
                  methods: [GET]
              plugins:
                - name: key-auth
          consumers:
            - username: alice
              keyauth_credentials:
                - key: k1
              acls:
                - group: g
          """, """
          _format_version: "3.0"
          upstreams:
            - name: up
              targets:
                - target: 10.0.0.1:80
                  weight: 10
          routes:
            - name: r2
              hosts: [example.com]
              protocols: [https]
          plugins:
            - name: rate-limiting
              config:
                minute: 5
          """);
    }

    private ValidDocuments() {}
  }

}
