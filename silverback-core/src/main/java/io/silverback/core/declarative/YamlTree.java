package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads YAML into a JSON tree straight from SnakeYAML's event stream.
 *
 * <p>Events, not SnakeYAML's node graph or Java objects: the node graph costs a second tree (with
 * source marks on every node) before the JSON one, which made YAML loads three times slower than
 * Jackson's own YAML parser. Working from events also lets this class decide scalar types: plain
 * scalars follow the YAML 1.2 core schema ({@code null}, {@code ~}, {@code true}/{@code false},
 * numbers); {@code yes}, {@code on} and dates stay strings, as every Kong value that looks like
 * them is a string. Anchors, aliases and merge keys ({@code <<}) work, as in Kong's spec "yaml
 * anchors"; a duplicate key in one mapping is refused with its position.
 */
final class YamlTree {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCT = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final String TAG = "tag:yaml.org,2002:";

  private YamlTree() {}

  static JsonNode read(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setMaxAliasesForCollections(1000);
    options.setNestingDepthLimit(1000);
    Builder builder = new Builder();
    try {
      for (Event e : new Yaml(options).parse(reader)) {
        builder.accept(e);
      }
    } catch (MarkedYAMLException e) {
      throw new DeclarativeReadException(describe(e));
    } catch (YAMLException e) {
      throw new DeclarativeReadException(e.getMessage());
    }
    if (builder.root == null) {
      throw new DeclarativeReadException("expected an object");
    }
    return DeclarativeReader.requireObject(builder.root);
  }

  private static String describe(MarkedYAMLException e) {
    StringBuilder sb = new StringBuilder();
    if (e.getContext() != null) {
      sb.append(e.getContext()).append(' ');
    }
    sb.append(e.getProblem());
    Mark m = e.getProblemMark();
    if (m != null) {
      sb.append(" at line ").append(m.getLine() + 1).append(", column ").append(m.getColumn() + 1);
    }
    return sb.toString();
  }

  private static String at(Event e) {
    Mark m = e.getStartMark();
    return m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
  }

  /** An open collection: an array, or an object waiting for a key or for the key's value. */
  private static final class Open {
    final JsonNode node;
    final String anchor;
    String key;
    Event keyEvent;
    boolean mergeKey;
    Set<String> explicit;
    Set<String> merged;

    Open(JsonNode node, String anchor) {
      this.node = node;
      this.anchor = anchor;
    }
  }

  /** Builds the tree from one document's events. */
  private static final class Builder {
    private final Deque<Open> stack = new ArrayDeque<>();
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private JsonNode root;
    private int documents;

    void accept(Event e) {
      switch (e.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            throw new DeclarativeReadException("expected a single YAML document, found a second one" + at(e));
          }
        }
        case MappingStart -> start(e, Json.object(), ((MappingStartEvent) e).getTag());
        case SequenceStart -> start(e, Json.array(), ((SequenceStartEvent) e).getTag());
        case MappingEnd, SequenceEnd -> end();
        case Scalar -> value(e, scalar((ScalarEvent) e));
        case Alias -> alias((AliasEvent) e);
        default -> { }
      }
    }

    private void start(Event e, JsonNode node, String tag) {
      Open parent = stack.peek();
      if (parent != null && parent.node.isObject() && parent.key == null) {
        throw new DeclarativeReadException("mapping keys must be scalars" + at(e));
      }
      String anchor = ((CollectionStartEvent) e).getAnchor();
      if (anchor != null) {
        open.add(anchor);
      }
      Open o = new Open(node, anchor);
      if (node.isObject()) {
        o.explicit = new HashSet<>();
      }
      stack.push(o);
    }

    private void end() {
      Open done = stack.pop();
      if (done.anchor != null) {
        open.remove(done.anchor);
        anchors.put(done.anchor, done.node);
      }
      put(done.node, null);
    }

    private void alias(AliasEvent e) {
      JsonNode target = anchors.get(e.getAnchor());
      if (target == null) {
        String why = open.contains(e.getAnchor()) ? "recursive YAML alias *" : "unknown YAML alias *";
        throw new DeclarativeReadException(why + e.getAnchor() + at(e));
      }
      value(e, target.deepCopy()); // each use is its own record: records are normalized in place
    }

    private void value(Event e, JsonNode value) {
      Open top = stack.peek();
      if (e instanceof NodeEvent n && n.getAnchor() != null && !(e instanceof AliasEvent)) {
        anchors.put(n.getAnchor(), value);
      }
      if (top != null && top.node.isObject() && top.key == null) {
        setKey(top, e, value);
        return;
      }
      put(value, e);
    }

    private void setKey(Open top, Event e, JsonNode key) {
      if (!key.isValueNode()) {
        throw new DeclarativeReadException("mapping keys must be scalars" + at(e));
      }
      top.mergeKey = e instanceof ScalarEvent s && s.isPlain() && "<<".equals(s.getValue());
      top.key = key.isTextual() ? key.textValue() : key.asText();
      top.keyEvent = e;
    }

    private void put(JsonNode value, Event e) {
      Open top = stack.peek();
      if (top == null) {
        root = value;
        return;
      }
      if (top.node.isArray()) {
        ((ArrayNode) top.node).add(value);
        return;
      }
      ObjectNode obj = (ObjectNode) top.node;
      if (top.mergeKey) {
        merge(top, obj, value);
      } else {
        if (!top.explicit.add(top.key)) {
          throw new DeclarativeReadException("found duplicate key " + top.key + at(top.keyEvent));
        }
        obj.set(top.key, value);
      }
      top.key = null;
      top.mergeKey = false;
    }

    /** A merge key adds the keys of one mapping, or of a list of them, that are not set explicitly. */
    private void merge(Open top, ObjectNode into, JsonNode source) {
      if (source.isArray()) {
        for (JsonNode s : source) {
          merge(top, into, s);
        }
        return;
      }
      if (!source.isObject()) {
        throw new DeclarativeReadException("merge key '<<' expects a mapping" + at(top.keyEvent));
      }
      if (top.merged == null) {
        top.merged = new HashSet<>();
      }
      source.fields().forEachRemaining(f -> {
        if (!top.explicit.contains(f.getKey()) && top.merged.add(f.getKey())) {
          into.set(f.getKey(), f.getValue().deepCopy());
        }
      });
    }
  }

  private static JsonNode scalar(ScalarEvent s) {
    String v = s.getValue();
    String tag = s.getTag();
    if (tag != null && !tag.equals("!")) {
      return explicit(tag, v);
    }
    if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || tag != null) {
      return Json.NODES.textNode(v);
    }
    return implicit(v);
  }

  private static JsonNode explicit(String tag, String v) {
    String t = tag.startsWith(TAG) ? tag.substring(TAG.length()) : tag.startsWith("!!") ? tag.substring(2) : tag;
    switch (t) {
      case "null":
        return Json.NODES.nullNode();
      case "bool":
      case "int":
      case "float": {
        JsonNode n = implicit(v);
        return n.isTextual() || n.isNull() ? Json.NODES.textNode(v) : n;
      }
      default:
        return Json.NODES.textNode(v);
    }
  }

  private static JsonNode implicit(String v) {
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return Json.NODES.nullNode();
      case "true", "True", "TRUE":
        return Json.NODES.booleanNode(true);
      case "false", "False", "FALSE":
        return Json.NODES.booleanNode(false);
      default:
        break;
    }
    char c = v.charAt(0);
    if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
      return Json.NODES.textNode(v);
    }
    if (INT.matcher(v).matches()) {
      BigInteger b = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
      return b.bitLength() < 64 ? Json.integer(b.longValue()) : Json.NODES.numberNode(b);
    }
    if (OCT.matcher(v).matches() && v.length() < 20) {
      return Json.integer(Long.parseLong(v.substring(2), 8));
    }
    if (HEX.matcher(v).matches() && v.length() < 17) {
      return Json.integer(Long.parseLong(v.substring(2), 16));
    }
    if (FLOAT.matcher(v).matches()) {
      return Json.NODES.numberNode(new BigDecimal(v).doubleValue());
    }
    if (INF.matcher(v).matches()) {
      return Json.NODES.numberNode(v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (NAN.matcher(v).matches()) {
      return Json.NODES.numberNode(Double.NaN);
    }
    return Json.NODES.textNode(v);
  }
}
