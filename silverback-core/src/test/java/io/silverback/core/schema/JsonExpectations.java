package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Comparisons the data-driven tests need: JSON trees as values (key order and number
 * representation ignored), partial expectations, multisets and trees of patterns.
 */
public final class JsonExpectations {
  private JsonExpectations() {}

  /**
   * A canonical rendering: keys sorted at every level, numbers as plain decimals, pretty printed
   * so that a failed {@code isEqualTo} shows a readable diff.
   */
  public static String canonical(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node));
    } catch (Exception e) {
      throw new IllegalStateException("cannot render " + node, e);
    }
  }

  /** The canonical renderings of the elements of {@code array}, sorted: a multiset. */
  public static List<String> multiset(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(e -> out.add(canonical(sortingArrays(e))));
    }
    out.sort(String::compareTo);
    return out;
  }

  /**
   * Where {@code actual} does not contain {@code expected}: objects must hold every expected key
   * (recursively), everything else must be equal.
   *
   * @return the path and both values of the first difference, or empty when contained
   */
  public static Optional<String> subsetMismatch(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      if (actual == null || !actual.isObject()) {
        return Optional.of(path + ": expected an object containing " + expected + " but was " + actual);
      }
      for (Map.Entry<String, JsonNode> e : Json.fields(expected)) {
        JsonNode a = actual.get(e.getKey());
        Optional<String> m = subsetMismatch(path + "." + e.getKey(), e.getValue(), a == null ? missing() : a);
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    }
    if (actual == null || !canonical(expected).equals(canonical(actual))) {
      return Optional.of(path + ": expected " + expected + " but was " + actual);
    }
    return Optional.empty();
  }

  /**
   * Where {@code actual} does not match a tree whose string leaves are regular expressions.
   *
   * @return a description of the first difference, or empty when it matches
   */
  public static Optional<String> patternMismatch(String path, JsonNode patterns, JsonNode actual) {
    if (patterns.isTextual()) {
      boolean ok = actual != null && actual.isTextual()
          && Pattern.compile(patterns.textValue(), Pattern.DOTALL).matcher(actual.textValue()).matches();
      return ok
          ? Optional.empty()
          : Optional.of(path + ": expected to match /" + patterns.textValue() + "/ but was " + actual);
    }
    if (patterns.isObject()) {
      if (actual == null || !actual.isObject() || actual.size() != patterns.size()) {
        return Optional.of(path + ": expected keys " + fieldNames(patterns) + " but was " + actual);
      }
      for (Map.Entry<String, JsonNode> e : Json.fields(patterns)) {
        Optional<String> m = patternMismatch(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    }
    return subsetMismatch(path, patterns, actual);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode missing() {
    return Json.NODES.textNode("<absent>");
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> keys = new TreeMap<>();
      node.fields().forEachRemaining(e -> keys.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = Json.object();
      keys.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      return d.scale() <= 0 ? Json.NODES.numberNode(d.toBigIntegerExact()) : Json.NODES.numberNode(d);
    }
    return node;
  }

  /** Arrays whose order Kong does not guarantee (a flattened element's {@code errors}). */
  private static JsonNode sortingArrays(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.object();
      node.fields().forEachRemaining(e -> out.set(e.getKey(),
          "errors".equals(e.getKey()) && e.getValue().isArray() ? sortedArray(e.getValue()) : e.getValue()));
      return out;
    }
    return node;
  }

  private static JsonNode sortedArray(JsonNode array) {
    List<String> rendered = multiset(array);
    ArrayNode out = Json.array();
    for (String r : rendered) {
      try {
        out.add(Json.MAPPER.readTree(r));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
