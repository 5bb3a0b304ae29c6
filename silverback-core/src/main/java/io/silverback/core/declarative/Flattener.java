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
 * <p>Records are flattened in place: the validated document already holds every field with its
 * default, so only references change and nested arrays go. Copying 100k records instead would
 * double the cost of a large load.
 *
 * <p>Departure from Kong: errors of records nested two levels deep are reported under their full
 * path ({@code services[1].routes[2].plugins[1]}); Kong drops the outermost level.
 */
final class Flattener {
  private final EntityRegistry registry;
  private final AutoFields auto;
  private final Map<String, LinkedHashMap<String, Indexed>> byId = new LinkedHashMap<>();
  private final Map<String, Map<String, Indexed>> byKey = new HashMap<>();
  private final List<Expected> expected = new ArrayList<>();
  private final ErrorTree errors = new ErrorTree();

  /**
   * A record and the value that references to it take, {@code {"<pk>": "<value>"}}: one shared
   * node per referenced record (a {@link Config} is read-only), so 100k references cost no 100k
   * maps, and no lookup beyond finding the record.
   */
  private static final class Indexed {
    private final ObjectNode record;
    private final String pk;
    private final String id;
    private ObjectNode reference;

    Indexed(ObjectNode record, String pk, String id) {
      this.record = record;
      this.pk = pk;
      this.id = id;
    }

    ObjectNode record() {
      return record;
    }

    ObjectNode reference() {
      if (reference == null) {
        reference = Json.object().put(pk, id);
      }
      return reference;
    }
  }

  /** A reference that must resolve: {@code entity.field = value}, reported under {@code at}. */
  private record Expected(String entity, String field, String reference, JsonNode value, Object at) {}

  Flattener(EntityRegistry registry, AutoFields auto) {
    this.registry = registry;
    this.auto = auto;
    for (EntitySchema s : registry.ordered()) {
      byId.put(s.name(), new LinkedHashMap<>());
      byKey.put(s.name(), new HashMap<>());
    }
  }

  /** Flattens {@code doc}; on failure adds the errors to {@code out} and returns empty. */
  Optional<Config> flatten(ObjectNode doc, boolean transform, ErrorTree out) {
    for (EntitySchema schema : registry.ordered()) {
      JsonNode arr = doc.get(schema.name());
      if (arr != null && arr.isArray()) {
        populate(schema, (ArrayNode) arr, null, null, new Object[] {schema.name()});
      }
    }
    if (errors.isEmpty()) {
      resolveReferences();
    }
    if (errors.isEmpty()) {
      Config config = build(transform);
      if (errors.isEmpty()) {
        return Optional.of(config);
      }
    }
    out.merge(errors);
    return Optional.empty();
  }

  private void populate(EntitySchema schema, ArrayNode items, ObjectNode parentKey, String parentField, Object[] at) {
    String endpointKey = schema.endpointKeyIsUnique() ? schema.endpointKey().get() : null;
    Map<String, Indexed> keys = byKey.get(schema.name());
    Map<String, Indexed> ids = byId.get(schema.name());
    List<EntityRegistry.Nesting> children = registry.children(schema.name());
    for (int i = 0; i < items.size(); i++) {
      ObjectNode item = (ObjectNode) items.get(i);
      auto.fill(schema, item);
      String id = item.path(schema.primaryKey()).asText();
      Indexed indexed = new Indexed(item, schema.primaryKey(), id);
      for (EntityRegistry.Nesting n : children) {
        JsonNode nested = item.remove(n.child());
        if (nested != null && nested.isArray()) {
          populate(registry.require(n.child()), (ArrayNode) nested, indexed.reference(), n.field(),
              append(at, i + 1, n.child()));
        }
      }
      boolean failed = false;
      JsonNode key = endpointKey == null ? null : item.get(endpointKey);
      if (key != null && key.isTextual() && keys.putIfAbsent(key.textValue(), indexed) != null) {
        error(at).put(i + 1, uniqueness(schema.name(), endpointKey, key.textValue()));
        failed = true;
      }
      if (ids.putIfAbsent(id, indexed) != null && !failed) {
        error(at).put(i + 1, uniqueness(schema.name(), "primary key", id));
      }
      collectReferences(schema, item, key != null && key.isTextual() ? key.textValue() : id);
      if (parentField != null) {
        item.set(parentField, parentKey);
      }
    }
  }

  private static Object[] append(Object[] path, Object... more) {
    Object[] out = new Object[path.length + more.length];
    System.arraycopy(path, 0, out, 0, path.length);
    System.arraycopy(more, 0, out, path.length, more.length);
    return out;
  }

  private ErrorTree error(Object[] path) {
    ErrorTree t = errors;
    for (Object k : path) {
      t = t.child(k);
    }
    return t;
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

  /** The record a reference names: by endpoint key first, then by primary key, as Kong. */
  private Indexed find(String entity, JsonNode ref) {
    String key = ref.isTextual() ? ref.textValue() : ref.path("id").asText(null);
    if (key == null) {
      return null;
    }
    Indexed found = byKey.get(entity).get(key);
    return found != null ? found : byId.get(entity).get(key);
  }

  private Config build(boolean transform) {
    Config.Builder config = Config.builder(registry);
    for (EntitySchema schema : registry.ordered()) {
      Map<String, Map<String, Boolean>> uniques = new HashMap<>();
      for (Map.Entry<String, Indexed> e : byId.get(schema.name()).entrySet()) {
        ObjectNode record = e.getValue().record();
        resolveForeignKeys(schema, record);
        checkUniques(schema, e.getKey(), record, uniques);
        if (transform) {
          schema.transformations().forEach(t -> t.apply(record));
        }
        config.put(new Entity(schema.name(), e.getKey(), record));
      }
    }
    return config.build();
  }

  private void resolveForeignKeys(EntitySchema schema, ObjectNode record) {
    for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
      JsonNode v = record.get(fk.getKey());
      if (v != null && !v.isNull()) {
        record.set(fk.getKey(), find(fk.getValue().reference().orElseThrow(), v).reference());
      }
    }
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      if (f.getValue().isTransient()) {
        record.remove(f.getKey());
      }
    }
  }

  private void checkUniques(EntitySchema schema, String id, ObjectNode flat, Map<String, Map<String, Boolean>> uniques) {
    for (String field : schema.uniqueFields()) {
      JsonNode v = flat.get(field);
      if (v == null || v.isNull()) {
        continue;
      }
      String value = v.isTextual() ? v.textValue() : v.isObject() ? v.path("id").asText() : v.toString();
      if (uniques.computeIfAbsent(field, k -> new HashMap<>()).putIfAbsent(value, Boolean.TRUE) != null) {
        String at = schema.endpointKey().map(k -> flat.path(k).asText(null)).orElse(null);
        errors.child(schema.name()).put(at != null ? at : id, uniqueness(schema.name(), field, value));
      }
    }
  }

  static String uniqueness(String entity, String what, String value) {
    return "uniqueness violation: '" + entity + "' entity with " + what + " set to '" + value + "' already declared";
  }
}
