package io.silverback.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kong's DAO errors ({@code kong/db/errors.lua}) with Kong's messages, word for word, so that
 * scripts matching on them keep working. Keys are rendered as Penlight's {@code pretty.write(t, "")}
 * renders them: {@code {name="svc"}}.
 */
public final class StoreErrors {
  private static final String ENTITY = "@entity";

  private StoreErrors() {}

  /**
   * {@code schema violation (name: expected a string)}; the fields are the error tree. As in Kong,
   * entity-check errors ({@code @entity}) come first and unprefixed.
   */
  public static StoreException schemaViolation(ErrorTree errors) {
    List<String> parts = new ArrayList<>();
    JsonNode tree = errors.toJson();
    JsonNode entity = tree.path(ENTITY);
    if (entity.isTextual()) {
      parts.add(entity.textValue());
    }
    entity.forEach(v -> parts.add(text(v)));
    new TreeMap<>(toMap(tree)).forEach((field, value) -> {
      if (field.equals(ENTITY)) {
        return;
      }
      if (value.isObject() || value.isArray()) {
        new TreeMap<>(toMap(value)).forEach((sub, v) -> parts.add(field + "." + sub + ": " + text(v)));
      } else {
        parts.add(field + ": " + text(value));
      }
    });
    String message = parts.size() == 1
        ? "schema violation (" + parts.get(0) + ")"
        : parts.size() + " schema violations (" + String.join("; ", parts) + ")";
    return new StoreException(KongError.SCHEMA_VIOLATION, message, tree.isObject() ? (ObjectNode) tree : null);
  }

  /** {@code could not find the entity with primary key '{id="..."}'}. */
  public static StoreException notFound(String type, String id) {
    return new StoreException(KongError.NOT_FOUND,
        "could not find the entity with primary key '" + pretty(Map.of("id", id)) + "'", pk(id));
  }

  /** {@code could not find the entity with '{name="svc"}'}. */
  public static StoreException notFoundByField(String field, String value) {
    ObjectNode fields = Json.MAPPER.createObjectNode().put(field, value);
    return new StoreException(KongError.NOT_FOUND,
        "could not find the entity with '" + pretty(Map.of(field, value)) + "'", fields);
  }

  /** {@code primary key violation on key '{id="..."}'}. */
  public static StoreException primaryKeyViolation(String type, String id) {
    return new StoreException(KongError.PRIMARY_KEY_VIOLATION,
        "primary key violation on key '" + pretty(Map.of("id", id)) + "'", pk(id));
  }

  /** {@code UNIQUE violation detected on '{name="svc"}'}. */
  public static StoreException uniqueViolation(String type, Map<String, String> key) {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    key.forEach(fields::put);
    return new StoreException(KongError.UNIQUE_VIOLATION,
        "UNIQUE violation detected on '" + pretty(key) + "'", fields);
  }

  /**
   * A second entity with the same cache key ({@code plugins}: name, route, service, consumer):
   * {@code UNIQUE violation detected on '{consumer=null,name="key-auth",route=null,service={id="..."}}'},
   * the fields being the cache-key fields of {@code entity} (foreign keys as {@code {"id": ...}}).
   */
  public static StoreException cacheKeyViolation(List<String> cacheKey, ObjectNode entity) {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    StringBuilder sb = new StringBuilder("{");
    for (String k : new TreeSet<>(cacheKey)) {
      JsonNode v = entity.path(k);
      fields.set(k, v.isMissingNode() ? Json.MAPPER.nullNode() : v);
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(k).append('=');
      if (v.isObject() && v.path("id").isTextual()) {
        sb.append(pretty(Map.of("id", v.get("id").textValue())));
      } else if (v.isTextual()) {
        sb.append(quoted(v.textValue()));
      } else {
        sb.append(v.isMissingNode() || v.isNull() ? "null" : v.toString());
      }
    }
    return new StoreException(KongError.UNIQUE_VIOLATION, "UNIQUE violation detected on '" + sb + "}'", fields);
  }

  /** {@code the foreign key '{id="..."}' does not reference an existing 'services' entity.} */
  public static StoreException foreignKeyInvalidReference(String field, String id, String parent) {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    fields.set(field, pk(id));
    return new StoreException(KongError.FOREIGN_KEY_VIOLATION, "the foreign key '" + pretty(Map.of("id", id))
        + "' does not reference an existing '" + parent + "' entity.", fields);
  }

  /** {@code an existing 'routes' entity references this 'services' entity}. */
  public static StoreException foreignKeyRestricted(String parent, String child) {
    ObjectNode fields = Json.MAPPER.createObjectNode().put("@referenced_by", child);
    return new StoreException(KongError.FOREIGN_KEY_VIOLATION,
        "an existing '" + child + "' entity references this '" + parent + "' entity", fields);
  }

  /** {@code 'x' is not a valid offset: bad base64 encoding}. */
  public static StoreException invalidOffset(String offset, String why) {
    return new StoreException(KongError.INVALID_OFFSET, "'" + offset + "' is not a valid offset: " + why, null);
  }

  /** {@code size must be an integer between 1 and 1000}. */
  public static StoreException invalidSize(String message) {
    return new StoreException(KongError.INVALID_SIZE, message, null);
  }

  /** An invalid option such as a malformed tag filter. */
  public static StoreException invalidOptions(String option, String message) {
    ObjectNode fields = Json.MAPPER.createObjectNode().put(option, message);
    return new StoreException(KongError.INVALID_OPTIONS, "invalid option (" + option + ": " + message + ")", fields);
  }

  /** A write a store cannot do, such as any single-entity write in DB-less mode. */
  public static StoreException operationUnsupported(String message) {
    return new StoreException(KongError.OPERATION_UNSUPPORTED, message, null);
  }

  /** Any other database failure; the message says what failed and on which entity. */
  public static StoreException databaseError(String message, Throwable cause) {
    return new StoreException(KongError.DATABASE_ERROR, message, null, cause);
  }

  /** Penlight's one-line rendering of a flat table: keys sorted, strings quoted. */
  static String pretty(Map<String, String> table) {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(table).forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(k).append('=').append(v == null ? "null" : quoted(v));
    });
    return sb.append('}').toString();
  }

  private static String quoted(String v) {
    return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static ObjectNode pk(String id) {
    return Json.MAPPER.createObjectNode().put("id", id);
  }

  private static Map<String, JsonNode> toMap(JsonNode node) {
    Map<String, JsonNode> out = new TreeMap<>();
    if (node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isNull()) {
          out.put(String.valueOf(i + 1), node.get(i));
        }
      }
    }
    return out;
  }

  private static String text(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }
}
