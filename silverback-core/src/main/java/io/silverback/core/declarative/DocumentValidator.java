package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.Messages;
import io.silverback.core.schema.SchemaValidator;
import io.silverback.core.schema.SchemaValidator.ForeignMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Validates a declarative document against the declarative schema Kong generates from the entity
 * schemas: the meta keys, one array per entity type, and in every record the nested collections
 * of its children (whose foreign keys must be left out, as the nesting sets them).
 *
 * <p>Records are normalized in place by the schema engine, which leaves a record's nested arrays
 * and its {@code _comment} and {@code _ignore} keys alone; nested arrays stay for the {@link
 * Flattener}, the two extras are dropped.
 */
final class DocumentValidator {
  static final List<String> FORMAT_VERSIONS = List.of("1.1", "2.1", "3.0");

  /** Top-level arrays at least this long are validated on the common fork-join pool. */
  static final int PARALLEL_THRESHOLD = 2048;

  private final EntityRegistry registry;
  private final boolean parallel;
  private final Map<String, Set<String>> passThrough = new HashMap<>();

  /**
   * A validator for {@code registry}'s entities.
   *
   * @param parallel whether large arrays may be validated on the common fork-join pool; records
   *     are independent once ids are assigned, and the results are merged in input order
   */
  DocumentValidator(EntityRegistry registry, boolean parallel) {
    this.registry = registry;
    this.parallel = parallel;
    for (EntitySchema s : registry.ordered()) {
      Set<String> keys = new HashSet<>(List.of("_comment", "_ignore"));
      registry.children(s.name()).forEach(n -> keys.add(n.child()));
      passThrough.put(s.name(), Set.copyOf(keys));
    }
  }

  /** Validates the whole document; the errors are keyed as Kong's. */
  ErrorTree validate(ObjectNode doc) {
    ErrorTree errors = new ErrorTree();
    validateMeta(doc, errors);
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (key.startsWith("_")) {
        if (!List.of("_format_version", "_transform", "_comment", "_ignore").contains(key)) {
          errors.put(key, Messages.UNKNOWN);
        }
        continue;
      }
      EntitySchema schema = registry.get(key).orElse(null);
      if (schema == null) {
        errors.put(key, Messages.UNKNOWN);
        continue;
      }
      validateArray(schema, doc.get(key), null, errors, key);
    }
    return errors;
  }

  private static void validateMeta(ObjectNode doc, ErrorTree errors) {
    JsonNode v = doc.get("_format_version");
    if (Json.isNull(v)) {
      errors.put("_format_version", Messages.REQUIRED);
    } else if (!v.isTextual()) {
      errors.put("_format_version", FieldType.STRING.typeError());
    } else if (!FORMAT_VERSIONS.contains(v.textValue())) {
      errors.put("_format_version", String.format(Messages.ONE_OF, String.join(", ", FORMAT_VERSIONS)));
    }
    JsonNode t = doc.get("_transform");
    if (t != null && !t.isNull() && !t.isBoolean()) {
      errors.put("_transform", FieldType.BOOLEAN.typeError());
    }
    checkExtras(doc, errors);
  }

  /** {@code _comment} must be a string and {@code _ignore} an array, wherever they appear. */
  private static void checkExtras(ObjectNode record, ErrorTree errors) {
    JsonNode c = record.get("_comment");
    if (c != null && !c.isNull() && !c.isTextual()) {
      errors.put("_comment", FieldType.STRING.typeError());
    }
    JsonNode i = record.get("_ignore");
    if (i != null && !i.isNull() && !i.isArray()) {
      errors.put("_ignore", FieldType.ARRAY.typeError());
    }
  }

  /** The record a nested child sits in. */
  record Parent(EntitySchema schema, ObjectNode record, String childField) {}

  private void validateArray(EntitySchema schema, JsonNode value, Parent parent, ErrorTree errors, String key) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      errors.put(key, FieldType.ARRAY.typeError());
      return;
    }
    ArrayNode arr = (ArrayNode) value;
    IntFunction<Object> one = i -> {
      JsonNode item = arr.get(i);
      if (!item.isObject()) {
        return FieldType.RECORD.typeError();
      }
      ErrorTree t = validateRecord(schema, (ObjectNode) item, parent);
      return t.isEmpty() ? null : t;
    };
    IntStream indices = IntStream.range(0, arr.size());
    if (parallel && parent == null && arr.size() >= PARALLEL_THRESHOLD) {
      indices = indices.parallel();
    }
    Object[] results = indices.mapToObj(one).toArray();
    for (int i = 0; i < results.length; i++) {
      if (results[i] instanceof ErrorTree t) {
        errors.child(key).put(i + 1, t);
      } else if (results[i] instanceof String msg) {
        errors.child(key).put(i + 1, msg);
      }
    }
  }

  private ErrorTree validateRecord(EntitySchema schema, ObjectNode record, Parent parent) {
    ErrorTree errors = new ErrorTree();
    checkExtras(record, errors);
    if (parent != null) {
      dropRedundantParentReference(record, parent);
    }
    ForeignMode mode = parent == null ? ForeignMode.REFERENCE : ForeignMode.NESTED;
    ErrorTree own = SchemaValidator.validateEntity(schema, record, mode, passThrough(schema.name()));
    for (EntityRegistry.Nesting n : registry.children(schema.name())) {
      JsonNode v = record.get(n.child());
      if (v != null) {
        validateArray(registry.require(n.child()), v, new Parent(schema, record, n.field()), errors, n.child());
      }
    }
    if (record.has("_comment")) {
      record.remove("_comment");
    }
    if (record.has("_ignore")) {
      record.remove("_ignore");
    }
    errors.merge(own);
    return errors;
  }

  /** The keys of a record that are the format's, not the entity's: nested children and extras. */
  private Set<String> passThrough(String entity) {
    return passThrough.get(entity);
  }

  /**
   * Kong accepts a nested child that names its own parent, by id or endpoint key, through its
   * second validation pass; the nesting sets that reference anyway, so it is dropped here.
   */
  private static void dropRedundantParentReference(ObjectNode record, Parent parent) {
    JsonNode v = record.get(parent.childField());
    if (v == null || v.isNull()) {
      return;
    }
    String ref = v.isTextual() ? v.textValue() : v.isObject() && v.path("id").isTextual() ? v.get("id").textValue() : null;
    if (ref == null) {
      return;
    }
    JsonNode parentId = parent.record().get(parent.schema().primaryKey());
    boolean byId = parentId != null && parentId.isTextual() && parentId.textValue().equals(ref);
    boolean byKey = v.isTextual() && parent.schema().endpointKey()
        .map(k -> parent.record().get(k))
        .filter(JsonNode::isTextual)
        .map(k -> k.textValue().equals(ref))
        .orElse(false);
    if (byId || byKey) {
      record.remove(parent.childField());
    }
  }
}
