package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kong's {@code flatten_errors} (kong/db/errors.lua): every error that belongs to an entity of
 * the input becomes one element {@code {entity_type, entity_name, entity_id, entity_tags, entity,
 * errors: [{type: field|entity, field, message}]}}, and is taken out of the nested tree. Nested
 * children's errors become elements of their own, with the parent's key injected into the child.
 *
 * <p>Departure from Kong: errors that cannot be attributed to an input record (those keyed by name
 * or id, such as reference errors) stay in the remaining tree; Kong loses them.
 */
final class FlattenedErrors {
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private final EntityRegistry registry;
  private final ArrayNode flattened = Json.array();

  private FlattenedErrors(EntityRegistry registry) {
    this.registry = registry;
  }

  /** The result: the flattened list and what stays in {@code fields}. */
  record Result(ArrayNode flattened, ErrorTree remaining) {}

  static Result flatten(EntityRegistry registry, ErrorTree errors, JsonNode input) {
    FlattenedErrors f = new FlattenedErrors(registry);
    ErrorTree remaining = new ErrorTree();
    for (Object section : sorted(errors.keys())) {
      Object sectionErrors = errors.get(section);
      JsonNode entities = input == null ? null : input.get(String.valueOf(section));
      EntitySchema schema = registry.get(String.valueOf(section)).orElse(null);
      if (!(sectionErrors instanceof ErrorTree tree) || entities == null || !entities.isArray() || schema == null) {
        copy(remaining, section, sectionErrors);
        continue;
      }
      for (Object i : sorted(tree.keys())) {
        JsonNode entity = i instanceof Integer idx ? entities.get(idx - 1) : null;
        if (entity != null && entity.isObject()) {
          f.addEntityErrors(schema, ((ObjectNode) entity).deepCopy(), tree.get(i));
        } else {
          copy(remaining.child(section), i, tree.get(i));
        }
      }
    }
    return new Result(f.flattened, remaining);
  }

  private void addEntityErrors(EntitySchema schema, ObjectNode entity, Object err) {
    ErrorTree errs;
    if (err instanceof ErrorTree t) {
      errs = t;
    } else if (err instanceof String s) {
      errs = new ErrorTree();
      errs.addEntityError(s);
    } else if (err instanceof List<?> list) {
      errs = new ErrorTree();
      list.forEach(m -> errs.addEntityError(String.valueOf(m)));
    } else {
      return;
    }
    JsonNode id = entity.get("id");
    ObjectNode pk = id != null && id.isTextual() && UUID.matcher(id.textValue()).matches()
        ? Json.object().put("id", id.textValue()) : null;
    List<Object> handled = new ArrayList<>();
    for (EntityRegistry.Nesting n : registry.children(schema.name())) {
      JsonNode children = entity.get(n.child());
      if (children == null || !children.isArray()) {
        continue;
      }
      entity.remove(n.child());
      handled.add(n.child());
      Object childErrs = errs.get(n.child());
      if (childErrs instanceof ErrorTree ct) {
        EntitySchema childSchema = registry.require(n.child());
        for (int i = 0; i < children.size(); i++) {
          JsonNode item = children.get(i);
          Object itemErr = ct.get(i + 1);
          if (item.isObject() && itemErr != null) {
            ObjectNode copy = ((ObjectNode) item).deepCopy();
            if (!copy.has(n.field()) && pk != null) {
              copy.set(n.field(), pk.deepCopy());
            }
            addEntityErrors(childSchema, copy, itemErr);
          }
        }
      }
    }
    for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
      JsonNode v = entity.get(fk.getKey());
      if (v != null && v.isObject()) {
        JsonNode fid = v.get("id");
        entity.set(fk.getKey(), fid != null && fid.isTextual() && UUID.matcher(fid.textValue()).matches()
            ? Json.object().put("id", fid.textValue()) : Json.NODES.nullNode());
      }
    }
    ArrayNode list = Json.array();
    categorize(errs, "", handled, list);
    if (list.isEmpty()) {
      return;
    }
    ObjectNode out = Json.object();
    out.put("entity_type", singular(schema.name()));
    JsonNode name = entity.get("name");
    if (name != null && name.isTextual() && !name.textValue().isEmpty()) {
      out.put("entity_name", name.textValue());
    }
    if (pk != null) {
      out.put("entity_id", pk.get("id").textValue());
    }
    JsonNode tags = entity.get("tags");
    if (tags != null && tags.isArray() && allStrings(tags)) {
      out.set("entity_tags", tags);
    }
    out.set("entity", entity);
    out.set("errors", list);
    flattened.add(out);
  }

  private static void categorize(ErrorTree errs, String ns, List<Object> skip, ArrayNode out) {
    for (Object k : sorted(errs.keys())) {
      if (skip.contains(k)) {
        continue;
      }
      Object v = errs.get(k);
      if (ErrorTree.ENTITY.equals(k)) {
        asList(v).forEach(m -> out.addObject().put("type", "entity").put("message", m));
      } else if (v instanceof ErrorTree t) {
        categorize(t, join(ns, k), List.of(), out);
      } else {
        for (String m : asList(v)) {
          out.addObject().put("type", "field").put("field", join(ns, k)).put("message", m);
        }
      }
    }
  }

  private static List<String> asList(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  private static String join(String ns, Object field) {
    return ns.isEmpty() ? String.valueOf(field) : ns + "." + field;
  }

  private static String singular(String noun) {
    return noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
  }

  private static boolean allStrings(JsonNode arr) {
    for (JsonNode e : arr) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> sorted(java.util.Set<Object> keys) {
    List<Object> out = new ArrayList<>(keys);
    out.sort((a, b) -> a instanceof Integer x && b instanceof Integer y
        ? Integer.compare(x, y) : String.valueOf(a).compareTo(String.valueOf(b)));
    return out;
  }

  private static void copy(ErrorTree into, Object key, Object value) {
    if (value instanceof ErrorTree t) {
      into.put(key, t);
    } else if (value instanceof List<?> l) {
      l.forEach(m -> into.append(key, String.valueOf(m)));
    } else {
      into.put(key, String.valueOf(value));
    }
  }
}
