package io.silverback.store.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One entity type's case of {@code crud-cases.yaml} (see the file's header), with {@code $n} and
 * {@code <pem:file>} resolved afresh by every accessor so that each test writes its own entity.
 */
record CrudCase(String type, ObjectNode raw) {
  private static final AtomicInteger NEXT = new AtomicInteger();

  static List<CrudCase> load(String resource) {
    try (InputStream in = CrudCase.class.getResourceAsStream(resource)) {
      List<CrudCase> out = new ArrayList<>();
      for (JsonNode c : new YAMLMapper().readTree(in)) {
        out.add(new CrudCase(c.get("type").asText(), (ObjectNode) c));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case with a fresh number for {@code $n}. */
  Resolved fresh() {
    return new Resolved((ObjectNode) resolve(raw, String.valueOf(NEXT.incrementAndGet())));
  }

  @Override
  public String toString() {
    return type;
  }

  /** The case's values for one test. */
  record Resolved(ObjectNode values) {
    ObjectNode input() {
      return values.get("input").deepCopy();
    }

    ObjectNode patch() {
      return values.get("patch").deepCopy();
    }

    ObjectNode replace() {
      return values.get("replace").deepCopy();
    }

    Optional<String> key() {
      return Optional.ofNullable(values.get("key")).map(JsonNode::asText);
    }

    Optional<String> putId() {
      return Optional.ofNullable(values.get("put_id")).map(JsonNode::asText);
    }

    Set<String> transformed() {
      Set<String> out = new TreeSet<>();
      values.path("transformed").forEach(f -> out.add(f.asText()));
      return out;
    }
  }

  private static JsonNode resolve(JsonNode node, String n) {
    if (node.isTextual()) {
      String s = node.textValue();
      if (s.startsWith("<pem:") && s.endsWith(">")) {
        return TextNode.valueOf(StoreFixtures.pem(s.substring(5, s.length() - 1)));
      }
      return TextNode.valueOf(s.replace("$n", n));
    }
    if (node instanceof ObjectNode o) {
      ObjectNode copy = o.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), resolve(e.getValue(), n));
      }
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = a.arrayNode();
      a.forEach(x -> copy.add(resolve(x, n)));
      return copy;
    }
    return node;
  }
}
