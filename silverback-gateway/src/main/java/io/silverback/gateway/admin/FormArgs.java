package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Form fields ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}) as Kong
 * reads them: keys nested as {@code api_helpers.normalize_nested_params} nests them
 * ({@code service.id}, {@code paths[]}, {@code paths[2]}, {@code config.minute}), a key sent twice
 * an array, then every value typed by the schema as {@code arguments.infer_value} types it
 * ({@code ""} is null, numbers and booleans parsed, a lone value of an array field wrapped).
 *
 * <p>The nesting is built in Lua-table form first (maps keyed by strings or 1-based integers) and
 * only then turned into JSON, because Kong decides array-or-object after all keys are in.
 */
final class FormArgs {
  private static final Object NO_INDEX = new Object();
  private static final Pattern INDEXED = Pattern.compile("^(.+)\\[(\\d*)]$");
  private static final Pattern DOTTED = Pattern.compile("^(.+)\\.(.+)$");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern HEX = Pattern.compile("[-+]?0[xX][0-9a-fA-F]+");

  private FormArgs() {}

  /** The fields as Kong's {@code self.args.post}, typed by {@code schema}. */
  static ObjectNode decode(Map<String, List<String>> fields, RecordSchema schema) {
    Map<Object, Object> root = new LinkedHashMap<>();
    fields.forEach((key, values) -> put(root, path(key, new ArrayList<>()), values));
    ObjectNode args = Json.object();
    root.forEach((k, v) -> args.set(k.toString(), toJson(v)));
    infer(args, schema);
    return args;
  }

  private static List<Object> path(String key, List<Object> out) {
    Matcher indexed = INDEXED.matcher(key);
    if (indexed.matches()) {
      path(indexed.group(1), out);
      out.add(indexed.group(2).isEmpty() ? NO_INDEX : (Object) Integer.valueOf(indexed.group(2)));
      return out;
    }
    Matcher dotted = DOTTED.matcher(key);
    if (dotted.matches()) {
      path(dotted.group(1), out);
      path(dotted.group(2), out);
      return out;
    }
    out.add(key);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<Object, Object> root, List<Object> path, List<String> values) {
    Map<Object, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = node.computeIfAbsent(entry(path.get(i), node), k -> new LinkedHashMap<>());
      if (!(next instanceof Map)) {
        return;
      }
      node = (Map<Object, Object>) next;
    }
    Object last = path.get(path.size() - 1);
    if (last == NO_INDEX && values.size() > 1) {
      for (int i = 0; i < values.size(); i++) {
        node.put(i + 1, values.get(i));
      }
    } else if (last == NO_INDEX) {
      node.put(entry(last, node), values.get(0));
    } else {
      node.put(last, values.size() == 1 ? values.get(0) : List.copyOf(values));
    }
  }

  /** {@code x[]} appends: Lua's {@code #node + 1}. */
  private static Object entry(Object pathEntry, Map<Object, Object> node) {
    if (pathEntry != NO_INDEX) {
      return pathEntry;
    }
    int n = 1;
    while (node.containsKey(n)) {
      n++;
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static JsonNode toJson(Object value) {
    if (value instanceof String s) {
      return Json.NODES.textNode(s);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = Json.array();
      list.forEach(v -> array.add((String) v));
      return array;
    }
    Map<Object, Object> table = (Map<Object, Object>) value;
    if (!table.isEmpty() && table.keySet().stream().allMatch(k -> k instanceof Integer i && i > 0)) {
      int max = table.keySet().stream().mapToInt(k -> (Integer) k).max().orElse(0);
      ArrayNode array = Json.array();
      for (int i = 1; i <= max; i++) {
        array.add(table.containsKey(i) ? toJson(table.get(i)) : NullNode.getInstance());
      }
      return array;
    }
    ObjectNode object = Json.object();
    table.forEach((k, v) -> object.set(k.toString(), toJson(v)));
    return object;
  }

  private static void infer(ObjectNode args, RecordSchema schema) {
    Map<String, Field> fields = schema.fields();
    if (schema instanceof EntitySchema entity) {
      RecordSchema sub = entity.subschemaKey().map(args::path).filter(JsonNode::isTextual)
          .flatMap(k -> entity.subschema(k.textValue())).orElse(null);
      fields = entity.effectiveFields(sub);
      if (entity.ttl() && args.path("ttl").isTextual()) {
        args.set("ttl", number(args.get("ttl").textValue()));
      }
    }
    for (Map.Entry<String, Field> f : fields.entrySet()) {
      JsonNode value = args.get(f.getKey());
      if (value != null) {
        args.set(f.getKey(), inferValue(value, f.getValue()));
      }
    }
  }

  private static JsonNode inferValue(JsonNode value, Field field) {
    if (value.isTextual() && value.textValue().isEmpty()) {
      return NullNode.getInstance();
    }
    switch (field.type()) {
      case NUMBER, INTEGER -> {
        return value.isTextual() ? number(value.textValue()) : value;
      }
      case BOOLEAN -> {
        return value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))
            ? Json.NODES.booleanNode(value.textValue().equals("true")) : value;
      }
      case ARRAY, SET -> {
        ArrayNode array = value.isArray() ? (ArrayNode) value : Json.array().add(value);
        Field elements = field.elements().orElse(null);
        for (int i = 0; elements != null && i < array.size(); i++) {
          array.set(i, inferValue(array.get(i), elements));
        }
        return array;
      }
      case MAP -> {
        if (value instanceof ObjectNode map && field.values().isPresent()) {
          map.properties().forEach(e -> e.setValue(inferValue(e.getValue(), field.values().get())));
        }
        return value;
      }
      case RECORD -> {
        if (value instanceof ObjectNode record && field.record().isPresent()) {
          infer(record, field.record().get());
        }
        return value;
      }
      default -> {
        return value;
      }
    }
  }

  /** Lua's {@code tonumber(v) or v}: decimal or hexadecimal, surrounding blanks allowed. */
  static JsonNode number(String text) {
    String v = text.strip();
    try {
      if (HEX.matcher(v).matches()) {
        boolean negative = v.startsWith("-");
        long n = Long.parseLong(v.replaceFirst("^[-+]?0[xX]", ""), 16);
        return Json.integer(negative ? -n : n);
      }
      if (DECIMAL.matcher(v).matches()) {
        double d = Double.parseDouble(v);
        return Json.isWhole(d) && Math.abs(d) < 1e15 ? Json.integer((long) d) : Json.NODES.numberNode(d);
      }
    } catch (NumberFormatException e) {
      return Json.NODES.textNode(text);
    }
    return Json.NODES.textNode(text);
  }
}
