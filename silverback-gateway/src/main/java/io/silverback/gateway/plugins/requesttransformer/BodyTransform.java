package io.silverback.gateway.plugins.requesttransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.Pair;
import io.silverback.gateway.plugins.Queries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Request-transformer's body changes (kong/plugins/request-transformer/access.lua), by content
 * type: JSON objects, url-encoded forms and multipart forms (remove, rename, replace and add;
 * Kong does not append to multipart bodies). Remove, rename and replace need a non-empty body.
 */
final class BodyTransform {
  private BodyTransform() {}

  /** Whether {@code config} changes bodies at all. */
  static boolean isSet(JsonNode config) {
    for (String op : List.of("remove", "rename", "replace", "add", "append")) {
      if (!config.path(op).path("body").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Kong's {@code get_content_type}: json, multipart or url-encoded; empty for anything else. */
  static Optional<String> kind(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.contains("application/json")) {
      return Optional.of("json");
    }
    if (type.contains("multipart/form-data")) {
      return Optional.of("multipart");
    }
    if (type.contains("application/x-www-form-urlencoded")) {
      return Optional.of("form");
    }
    return Optional.empty();
  }

  /** The new body, or empty when nothing changed (or a non-empty JSON body did not parse). */
  static Optional<byte[]> apply(JsonNode config, String contentType, byte[] body, UnaryOperator<String> render) {
    return switch (kind(contentType).orElse("")) {
      case "json" -> json(config, body, render);
      case "form" -> form(config, body, render);
      case "multipart" -> multipart(config, contentType, body, render);
      default -> Optional.empty();
    };
  }

  private static List<Pair> pairs(JsonNode config, String op) {
    return Pair.all(config.path(op).path("body"));
  }

  private static Optional<byte[]> form(JsonNode config, byte[] body, UnaryOperator<String> render) {
    Map<String, List<Object>> args = Queries.parse(new String(body, StandardCharsets.UTF_8));
    boolean changed = false;
    if (body.length > 0) {
      changed |= Params.remove(args, pairs(config, "remove"));
      changed |= Params.rename(args, pairs(config, "rename"), render);
      changed |= Params.replace(args, pairs(config, "replace"), render);
    }
    changed |= Params.add(args, pairs(config, "add"), render);
    changed |= Params.append(args, pairs(config, "append"), render);
    if (!changed) {
      return Optional.empty();
    }
    String encoded = Queries.encode(args);
    return Optional.of((encoded == null ? "" : encoded).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<byte[]> json(JsonNode config, byte[] body, UnaryOperator<String> render) {
    ObjectNode json;
    if (body.length == 0) {
      json = Json.object();
    } else {
      try {
        if (!(Json.MAPPER.readTree(body) instanceof ObjectNode parsed)) {
          return Optional.empty();
        }
        json = parsed;
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    boolean changed = false;
    if (body.length > 0) {
      for (Pair p : pairs(config, "remove")) {
        json.remove(p.name());
        changed = true;
      }
      for (Pair p : pairs(config, "rename")) {
        String to = p.value() == null ? null : render.apply(p.value());
        if (to != null && !to.equals(p.name()) && truthy(json.get(p.name()))) {
          json.set(to, json.remove(p.name()));
          changed = true;
        }
      }
      for (Pair p : pairs(config, "replace")) {
        if (truthy(json.get(p.name())) && p.value() != null) {
          json.put(p.name(), render.apply(p.value()));
          changed = true;
        }
      }
    }
    for (Pair p : pairs(config, "add")) {
      if (!truthy(json.get(p.name())) && p.value() != null) {
        json.put(p.name(), render.apply(p.value()));
        changed = true;
      }
    }
    for (Pair p : pairs(config, "append")) {
      if (p.value() != null) {
        json.set(p.name(), appended(json.get(p.name()), render.apply(p.value())));
      }
      changed = true;
    }
    return changed ? Optional.of(json.toString().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
  }

  private static Optional<byte[]> multipart(JsonNode config, String contentType, byte[] body,
      UnaryOperator<String> render) {
    Multipart form = Multipart.parse(body, contentType);
    if (form == null) {
      return Optional.empty();
    }
    boolean changed = false;
    if (body.length > 0) {
      for (Pair p : pairs(config, "rename")) {
        String to = p.value() == null ? null : render.apply(p.value());
        if (to != null && !to.equals(p.name()) && form.has(p.name())) {
          byte[] value = form.value(p.name());
          form.delete(p.name());
          form.setSimple(to, value);
          changed = true;
        }
      }
      for (Pair p : pairs(config, "remove")) {
        form.delete(p.name());
        changed = true;
      }
      for (Pair p : pairs(config, "replace")) {
        if (form.has(p.name()) && p.value() != null) {
          form.setSimple(p.name(), render.apply(p.value()).getBytes(StandardCharsets.UTF_8));
          changed = true;
        }
      }
    }
    for (Pair p : pairs(config, "add")) {
      if (!form.has(p.name()) && p.value() != null) {
        form.setSimple(p.name(), render.apply(p.value()).getBytes(StandardCharsets.UTF_8));
        changed = true;
      }
    }
    return changed ? Optional.of(form.toBytes()) : Optional.empty();
  }

  private static boolean truthy(JsonNode v) {
    return v != null && !(v.isBoolean() && !v.booleanValue());
  }

  private static JsonNode appended(JsonNode current, String value) {
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
