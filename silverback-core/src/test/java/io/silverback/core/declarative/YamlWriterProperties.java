package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the hand-written YAML emitter writes reads back, through the same reader every file goes
 * through, as exactly the tree it was given: awkward strings (quotes, backslashes, control and
 * line-break characters, leading spaces, trailing line feeds, non-ASCII), awkward keys, nesting.
 */
class YamlWriterProperties {
  @Property(tries = 400)
  void everyWrittenTreeReadsBackUnchanged(@ForAll("trees") ObjectNode tree) throws IOException {
    assertThat(roundTrip(tree)).isEqualTo(tree);
  }

  @Example
  void multiLineTextIsWrittenAsALiteralBlock() throws IOException {
    ObjectNode tree = Json.object().put("cert", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    StringWriter out = new StringWriter();
    new YamlWriter(out).field("x", tree);
    assertThat(out.toString()).isEqualTo(
        "x:\n  cert: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n");
    assertThat(roundTrip(tree)).isEqualTo(tree);
  }

  @Example
  void sequencesOfMappingsShareTheDashLine() throws IOException {
    ObjectNode tree = Json.object();
    ArrayNode list = tree.putArray("routes");
    list.addObject().put("name", "a").putArray("paths").add("/a");
    list.addObject().put("name", "yes").putNull("hosts");
    StringWriter out = new StringWriter();
    new YamlWriter(out).field("doc", tree);
    assertThat(out.toString()).isEqualTo(
        "doc:\n  routes:\n  - name: \"a\"\n    paths:\n    - \"/a\"\n  - name: \"yes\"\n    hosts: null\n");
  }

  private static JsonNode roundTrip(ObjectNode tree) throws IOException {
    StringWriter out = new StringWriter();
    new YamlWriter(out).field("root", tree);
    return DeclarativeReader.read(out.toString(), DeclarativeReader.Syntax.YAML).get("root");
  }

  @Provide
  Arbitrary<ObjectNode> trees() {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        strings().map(TextNode::valueOf),
        Arbitraries.integers().map(Json::integer),
        Arbitraries.of(-1.5, 0.25, 1e-7, 3.0e20).map(d -> Json.MAPPER.getNodeFactory().numberNode(d)),
        Arbitraries.of(true, false).map(b -> Json.MAPPER.getNodeFactory().booleanNode(b)),
        Arbitraries.just(Json.MAPPER.getNodeFactory().nullNode()),
        Arbitraries.just(Json.MAPPER.createObjectNode()),
        Arbitraries.just(Json.MAPPER.createArrayNode()));
    Arbitrary<JsonNode> list = leaf.list().ofMaxSize(4).map(items -> {
      ArrayNode a = Json.MAPPER.createArrayNode();
      items.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> inner = Arbitraries.oneOf(leaf, list, objects(leaf));
    return objects(inner).map(n -> (ObjectNode) n);
  }

  private static Arbitrary<JsonNode> objects(Arbitrary<JsonNode> values) {
    return Arbitraries.maps(keys(), values).ofMinSize(1).ofMaxSize(5).map(m -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      m.forEach(o::set);
      return o;
    });
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
        Arbitraries.of("null", "true", "yes", "On", "~", "a b", "x:y", "-dash", "#hash", "0", "1.5", "é", "k\"q"),
        strings().filter(s -> !s.isEmpty()));
  }

  private static Arbitrary<String> strings() {
    List<Character> awkward = List.of('"', '\\', '\n', '\r', '\t', ' ', ':', '#', '-', '\'', '\u0000', '\u0007',
        '\u007F', '\u0085', '\u00A0', '\u2028', '\u2029', '\uFEFF', 'é', '中', '|', '>', '{', '[', '&', '*', '!');
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars('a', 'b', ' ', '\n').ofMaxLength(20),
        Arbitraries.strings().withChars(awkward.stream().map(String::valueOf).reduce("", String::concat).toCharArray())
            .withCharRange('a', 'c').ofMaxLength(12),
        Arbitraries.of("", "null", "true", "123", "1e3", "0x1F", "~", "- x", "a\n", "a\n\n", "\n", " lead\nx",
            "tail \nx", "🙂", "line1\r\nline2"));
  }
}
