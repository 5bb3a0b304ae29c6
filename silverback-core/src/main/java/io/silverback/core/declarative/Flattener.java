package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.AutoFields;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a valid declarative document into a {@link Config} (declarative_config.lua {@code
 * populate_references}, {@code validate_references} and {@code flatten}): auto fields are filled,
 * nested children get their parent's key, every record is indexed by primary and endpoint key,
 * references by name or id are resolved to {@code {"id": ...}}, and uniqueness inside the file is
 * enforced.
 *
 * <p>Departure from Kong: errors of records nested two levels deep are reported under their full
 * path ({@code services[1].routes[2].plugins[1]}); Kong drops the outermost level.
 */
final class Flattener {
  private final EntityRegistry registry;
  private final AutoFields auto;
  private final Map<String, LinkedHashMap<String, ObjectNode>> byId = new LinkedHashMap<>();
  private final Map<String, Map<String, ObjectNode>> byKey = new HashMap<>();
  private final List<Expected> expected = new ArrayList<>();
  private final ErrorTree errors = new ErrorTree();

  /** A reference that must resolve: {@code entity.field = value}, reported under {@code at}. */
  private record Expected(String entity, String field, String reference, JsonNode value, Object at) {}

  Flattener(EntityRegistry registry, AutoFields auto) {
    this.registry = registry;
    this.auto = auto;
  }

  /** Flattens {@code doc}; returns the errors, or empty errors and the built config. */
  Optional<Config> flatten(ObjectNode doc, boolean transform, ErrorTree out) {
    for (EntitySchema schema : registry.ordered()) {
      JsonNode arr = doc.get(schema.name());
      if (arr != null && arr.isArray()) {
        populate(schema, (ArrayNode) arr, null, null, errors.child(schema.name()));
      }
    }
    pruneEmpty(errors);
    if (errors.isEmpty()) {
      resolveReferences();
    }
    if (!errors.isEmpty()) {
      out.merge(errors);
      return Optional.empty();
    }
    Config config = build(transform);
    if (!errors.isEmpty()) {
      out.merge(errors);
      return Optional.empty();
    }
    return Optional.of(config);
  }

  private void populate(EntitySchema schema, ArrayNode items, EntitySchema parentSchema, ObjectNode parent,
      ErrorTree at) {
    String endpointKey = schema.endpointKeyIsUnique() ? schema.endpointKey().get() : null;
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = (ObjectNode) items.get(i);
      auto.fill(schema, item);
      for (EntityRegistry.Nesting n : registry.children(schema.name())) {
        JsonNode children = item.remove(n.child());
        if (children != null && children.isArray()) {
          populate(registry.require(n.child()), (ArrayNode) children, schema, item, at.child(i + 1).child(n.child()));
        }
      }
      String id = item.path(schema.primaryKey()).asText();
      boolean failed = false;
      JsonNode key = endpointKey == null ? null : item.get(endpointKey);
      if (key != null && key.isTextual()) {
        Map<String, ObjectNode> keys = byKey.computeIfAbsent(schema.name(), k -> new HashMap<>());
        if (keys.putIfAbsent(key.textValue(), item) != null) {
          at.put(i + 1, uniqueness(schema.name(), endpointKey, key.textValue()));
          failed = true;
        }
      }
      LinkedHashMap<String, ObjectNode> ids = byId.computeIfAbsent(schema.name(), k -> new LinkedHashMap<>());
      if (!failed && ids.containsKey(id)) {
        at.put(i + 1, uniqueness(schema.name(), "primary key", id));
      } else if (!ids.containsKey(id)) {
        ids.put(id, item);
      }
      collectReferences(schema, item, key != null && key.isTextual() ? key.textValue() : id);
      if (parent != null) {
        for (EntityRegistry.Nesting n : registry.children(parentSchema.name())) {
          if (n.child().equals(schema.name())) {
            item.set(n.field(), Json.object().put("id", parent.path(parentSchema.primaryKey()).asText()));
          }
        }
      }
    }
  }

  private void collectReferences(EntitySchema schema, ObjectNode item, Object at) {
    for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
      JsonNode v = item.get(fk.getKey());
      if (v != null && !v.isNull()) {
        expected.add(new Expected(schema.name(), fk.getKey(), fk.getValue().reference().orElseThrow(), v, at));
      }
    }
  }

  private void resolveReferences() {
    for (Expected e : expected) {
      if (find(e.reference(), e.value()) == null) {
        String shown = e.value().isTextual() ? e.value().textValue() : e.value().toString();
        errors.child(e.entity()).append(e.at(),
            "invalid reference '" + e.field() + ": " + shown + "' (no such entry in '" + e.reference() + "')");
      }
    }
  }

  private ObjectNode find(String entity, JsonNode ref) {
    String key = ref.isTextual() ? ref.textValue() : ref.path("id").asText(null);
    if (key == null) {
      return null;
    }
    ObjectNode found = byKey.getOrDefault(entity, Map.of()).get(key);
    if (found == null) {
      found = byId.getOrDefault(entity, new LinkedHashMap<>()).get(key);
    }
    return found;
  }

  private Config build(boolean transform) {
    Config.Builder config = Config.builder(registry);
    for (EntitySchema schema : registry.ordered()) {
      LinkedHashMap<String, ObjectNode> entries = byId.get(schema.name());
      if (entries == null) {
        continue;
      }
      Map<String, Map<String, Boolean>> uniques = new HashMap<>();
      for (Map.Entry<String, ObjectNode> e : entries.entrySet()) {
        ObjectNode flat = flatRecord(schema, e.getValue());
        checkUniques(schema, e.getKey(), flat, uniques);
        if (transform) {
          schema.transformations().forEach(t -> t.apply(flat));
        }
        config.put(new Entity(schema.name(), e.getKey(), flat));
      }
    }
    return config.build();
  }

  private ObjectNode flatRecord(EntitySchema schema, ObjectNode entry) {
    ObjectNode flat = Json.object();
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      if (f.getValue().isTransient()) {
        continue;
      }
      JsonNode v = entry.get(f.getKey());
      if (f.getValue().type() == FieldType.FOREIGN && v != null && !v.isNull()) {
        ObjectNode target = find(f.getValue().reference().orElseThrow(), v);
        EntitySchema ref = registry.require(f.getValue().reference().get());
        flat.set(f.getKey(), Json.object().put(ref.primaryKey(), target.path(ref.primaryKey()).asText()));
      } else {
        flat.set(f.getKey(), v == null ? Json.NODES.nullNode() : v);
      }
    }
    if (schema.ttl()) {
      JsonNode ttl = entry.get("ttl");
      if (ttl != null && !ttl.isNull()) {
        flat.set("ttl", ttl);
      }
    }
    return flat;
  }

  private void checkUniques(EntitySchema schema, String id, ObjectNode flat, Map<String, Map<String, Boolean>> uniques) {
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      if (!f.getValue().unique()) {
        continue;
      }
      JsonNode v = flat.get(f.getKey());
      if (v == null || v.isNull()) {
        continue;
      }
      String value = v.isTextual() ? v.textValue() : v.isObject() ? v.path("id").asText() : v.toString();
      if (uniques.computeIfAbsent(f.getKey(), k -> new HashMap<>()).putIfAbsent(value, Boolean.TRUE) != null) {
        String at = schema.endpointKey().map(k -> flat.path(k).asText(null)).orElse(null);
        errors.child(schema.name()).put(at != null ? at : id, uniqueness(schema.name(), f.getKey(), value));
      }
    }
  }

  static String uniqueness(String entity, String what, String value) {
    return "uniqueness violation: '" + entity + "' entity with " + what + " set to '" + value + "' already declared";
  }

  /** Removes the empty subtrees that {@code child()} creates along the way. */
  private static boolean pruneEmpty(ErrorTree tree) {
    for (Object k : List.copyOf(tree.keys())) {
      if (tree.get(k) instanceof ErrorTree t && pruneEmpty(t)) {
        tree.remove(k);
      }
    }
    return tree.isEmpty();
  }
}
