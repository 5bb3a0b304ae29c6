package io.silverback.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored entity of a {@link Config}: its type, primary key and fields (every field of its
 * schema, nulls included, foreign keys as {@code {"id": ...}}).
 *
 * <p>The fields are shared, not copied: treat them as read-only and call {@link #copy()} to get a
 * record to change.
 *
 * @param type the entity name ({@code services})
 * @param id the primary key value
 * @param fields the record
 */
public record Entity(String type, String id, ObjectNode fields) {
  /** The value of {@code field}; a missing node when absent. */
  public JsonNode get(String field) {
    return fields.path(field);
  }

  /** The text of {@code field}, or null when it is not a string. */
  public String text(String field) {
    JsonNode v = fields.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** The id a foreign-key field points to, or null. */
  public String foreignId(String field) {
    JsonNode v = fields.get(field);
    return v != null && v.isObject() && v.path("id").isTextual() ? v.get("id").textValue() : null;
  }

  /** A deep copy of the fields. */
  public ObjectNode copy() {
    return fields.deepCopy();
  }
}
