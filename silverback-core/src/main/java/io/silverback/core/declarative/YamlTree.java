package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a JSON tree straight from SnakeYAML's node graph.
 *
 * <p>Going through the node graph, not Java objects, keeps one allocation per value and lets this
 * class decide scalar types: plain scalars follow the YAML 1.2 core schema ({@code null}, {@code
 * ~}, {@code true}/{@code false}, numbers); {@code yes}, {@code on} and dates stay strings, as
 * every Kong value that looks like them is a string. Anchors, aliases and merge keys ({@code <<})
 * work, as in Kong's spec "yaml anchors".
 */
final class YamlTree {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCT = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final Tag MERGE = Tag.MERGE;

  private YamlTree() {}

  static JsonNode read(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setMaxAliasesForCollections(1000);
    options.setNestingDepthLimit(1000);
    Yaml yaml = new Yaml(options);
    Node root;
    try {
      root = yaml.compose(reader);
    } catch (MarkedYAMLException e) {
      throw new DeclarativeReadException(describe(e));
    } catch (YAMLException e) {
      throw new DeclarativeReadException(e.getMessage());
    }
    if (root == null) {
      throw new DeclarativeReadException("expected an object");
    }
    return DeclarativeReader.requireObject(new YamlTree.Converter().convert(root));
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

  /** One conversion: remembers the nodes on the current path to refuse recursive aliases. */
  private static final class Converter {
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

    JsonNode convert(Node node) {
      if (node instanceof ScalarNode s) {
        return scalar(s);
      }
      if (inProgress.put(node, Boolean.TRUE) != null) {
        throw new DeclarativeReadException("recursive YAML alias at line " + (node.getStartMark().getLine() + 1));
      }
      try {
        return node instanceof SequenceNode seq ? sequence(seq) : mapping((MappingNode) node);
      } finally {
        inProgress.remove(node);
      }
    }

    private ArrayNode sequence(SequenceNode seq) {
      ArrayNode arr = Json.array();
      for (Node n : seq.getValue()) {
        arr.add(convert(n));
      }
      return arr;
    }

    private ObjectNode mapping(MappingNode map) {
      ObjectNode obj = Json.object();
      List<NodeTuple> tuples = map.getValue();
      for (NodeTuple t : tuples) {
        if (MERGE.equals(t.getKeyNode().getTag())) {
          merge(obj, t.getValueNode());
        }
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (NodeTuple t : tuples) {
        if (MERGE.equals(t.getKeyNode().getTag())) {
          continue;
        }
        JsonNode key = convert(t.getKeyNode());
        if (!key.isValueNode()) {
          throw new DeclarativeReadException(
              "mapping keys must be scalars at line " + (t.getKeyNode().getStartMark().getLine() + 1));
        }
        String name = key.isTextual() ? key.textValue() : key.asText();
        if (!seen.add(name)) {
          Mark m = t.getKeyNode().getStartMark();
          throw new DeclarativeReadException("found duplicate key " + name + " at line " + (m.getLine() + 1)
              + ", column " + (m.getColumn() + 1));
        }
        obj.set(name, convert(t.getValueNode()));
      }
      return obj;
    }

    private void merge(ObjectNode into, Node source) {
      if (source instanceof SequenceNode seq) {
        for (Node n : seq.getValue()) {
          merge(into, n);
        }
        return;
      }
      JsonNode merged = convert(source);
      if (!merged.isObject()) {
        throw new DeclarativeReadException("merge key '<<' expects a mapping at line "
            + (source.getStartMark().getLine() + 1));
      }
      merged.fields().forEachRemaining(e -> {
        if (!into.has(e.getKey())) {
          into.set(e.getKey(), e.getValue());
        }
      });
    }

    private static JsonNode scalar(ScalarNode s) {
      String v = s.getValue();
      Tag tag = s.getTag();
      if (!s.isPlain()) {
        return explicit(tag, v);
      }
      if (!Tag.STR.equals(tag) && !isImplicit(tag)) {
        return explicit(tag, v);
      }
      return implicit(v);
    }

    private static boolean isImplicit(Tag tag) {
      return Tag.NULL.equals(tag) || Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)
          || Tag.TIMESTAMP.equals(tag) || Tag.MERGE.equals(tag);
    }

    private static JsonNode explicit(Tag tag, String v) {
      if (Tag.NULL.equals(tag)) {
        return Json.NODES.nullNode();
      }
      if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
        JsonNode n = implicit(v);
        return n.isTextual() ? Json.NODES.textNode(v) : n;
      }
      return Json.NODES.textNode(v);
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
}
