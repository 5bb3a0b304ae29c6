package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Small helpers over Jackson's tree model, the value model of the schema engine.
 *
 * <p>Kong's Lua tables map onto JSON nodes: {@code ngx.null} is {@link
 * com.fasterxml.jackson.databind.node.NullNode}, an absent key is a missing property.
 */
public final class Json {
  /** The one mapper of the core module (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Converts a Java value (String, Number, Boolean, List, Map, JsonNode or null) to a node. */
  public static JsonNode toNode(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    return MAPPER.valueToTree(value);
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Whether {@code node} is absent (Java null or a missing node) or JSON null. */
  public static boolean isNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /**
   * Kong's {@code is_nonempty}: not null, not an empty string, not an empty array or object.
   */
  public static boolean isNonEmpty(JsonNode node) {
    if (isNull(node)) {
      return false;
    }
    if (node.isTextual()) {
      return !node.textValue().isEmpty();
    }
    if (node.isContainerNode()) {
      return node.size() > 0;
    }
    return true;
  }

  /** Reads a dotted path such as {@code config.policy} from a record. */
  public static JsonNode path(JsonNode record, String dotted) {
    if (dotted.indexOf('.') < 0) {
      return record == null ? null : record.get(dotted);
    }
    JsonNode cur = record;
    int start = 0;
    while (cur != null && cur.isObject()) {
      int dot = dotted.indexOf('.', start);
      String name = dot < 0 ? dotted.substring(start) : dotted.substring(start, dot);
      cur = cur.get(name);
      if (dot < 0) {
        return cur;
      }
      start = dot + 1;
    }
    return null;
  }

  /** Renders a value the way Lua's {@code tostring} would for messages. */
  public static String display(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isFloatingPointNumber() && isWhole(node.doubleValue())) {
      return Long.toString((long) node.doubleValue());
    }
    return node.toString();
  }

  /**
   * An integer node in the canonical form Jackson's JSON parser gives: an int node when the value
   * fits, a long node otherwise. Equal values then compare equal whatever syntax they came from.
   */
  public static JsonNode integer(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }

  /** Whether {@code d} is a finite whole number. */
  public static boolean isWhole(double d) {
    return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.floor(d);
  }

  /** Formats a number as Kong's messages do: integers without a fraction. */
  public static String number(double d) {
    return isWhole(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Iterates over the properties of an object node. */
  public static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return () -> {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      return it;
    };
  }
}
