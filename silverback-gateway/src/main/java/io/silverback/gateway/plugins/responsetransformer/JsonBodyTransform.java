package io.silverback.gateway.plugins.responsetransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.Pair;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Kong's {@code transform_json_body} (kong/plugins/response-transformer/body_transformer.lua):
 * remove, rename, replace, add, then append top-level properties of a JSON object. Values are
 * strings unless {@code json_types} (by position) makes them a number or a boolean; a value
 * that is not a number is skipped, as Lua's {@code tonumber} gives nil.
 */
final class JsonBodyTransform {
  private JsonBodyTransform() {}

  /** Whether any json change is configured ({@code is_body_transform_set}). */
  static boolean isSet(JsonNode config) {
    for (String op : List.of("remove", "rename", "replace", "add", "append")) {
      if (!config.path(op).path("json").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The transformed body.
   *
   * @return empty when the body is not a JSON object (it is then sent unchanged, as Kong does
   *     after its "body transform failed" warning)
   */
  static Optional<byte[]> apply(JsonNode config, byte[] body) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!(parsed instanceof ObjectNode json)) {
      return Optional.empty();
    }
    for (Pair p : Pair.all(config.path("remove").path("json"))) {
      json.remove(p.name());
    }
    for (Pair p : Pair.all(config.path("rename").path("json"))) {
      if (json.has(p.name()) && p.value() != null) {
        JsonNode v = json.remove(p.name());
        json.set(p.value(), v);
      }
    }
    List<Pair> replace = Pair.all(config.path("replace").path("json"));
    for (int i = 0; i < replace.size(); i++) {
      JsonNode v = value(replace.get(i).value(), config.path("replace").path("json_types").path(i).textValue());
      if (truthy(json.get(replace.get(i).name())) && v != null) {
        json.set(replace.get(i).name(), v);
      }
    }
    List<Pair> add = Pair.all(config.path("add").path("json"));
    for (int i = 0; i < add.size(); i++) {
      JsonNode v = value(add.get(i).value(), config.path("add").path("json_types").path(i).textValue());
      if (!truthy(json.get(add.get(i).name())) && v != null) {
        json.set(add.get(i).name(), v);
      }
    }
    List<Pair> append = Pair.all(config.path("append").path("json"));
    for (int i = 0; i < append.size(); i++) {
      JsonNode v = value(append.get(i).value(), config.path("append").path("json_types").path(i).textValue());
      if (v != null) {
        json.set(append.get(i).name(), appended(json.get(append.get(i).name()), v));
      }
    }
    return Optional.of(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Lua truthiness of a property: present and not {@code false} (JSON null is cjson.null, truthy). */
  private static boolean truthy(JsonNode v) {
    return v != null && !(v.isBoolean() && !v.booleanValue());
  }

  private static JsonNode value(String value, String type) {
    if (value == null) {
      return null;
    }
    if ("number".equals(type)) {
      try {
        double d = Double.parseDouble(value.strip());
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Json.NODES.numberNode((long) d) : Json.NODES.numberNode(d);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if ("boolean".equals(type)) {
      return Json.NODES.booleanNode(value.equals("true"));
    }
    return Json.NODES.textNode(value);
  }

  private static JsonNode appended(JsonNode current, JsonNode value) {
    if (current instanceof ArrayNode array) {
      return array.add(value);
    }
    ArrayNode out = Json.array();
    if (current != null && current.isTextual()) {
      out.add(current);
    }
    return out.add(value);
  }
}
