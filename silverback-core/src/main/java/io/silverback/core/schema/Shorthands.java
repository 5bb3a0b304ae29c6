package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Expands a record's shorthand fields before validation (the shorthand part of Kong's
 * {@code process_auto_fields}): a shorthand's value is checked against its own type, removed, and
 * replaced by the fields it stands for; a shorthand set to null stands for nothing. A deprecated
 * shorthand only fills fields the input leaves empty, and may not contradict them
 * ({@code validate_deprecation_exclusiveness}).
 */
final class Shorthands {
  private Shorthands() {}

  static void apply(RecordSchema schema, ObjectNode input, ErrorTree errors) {
    for (Shorthand sh : schema.shorthands()) {
      JsonNode value = input.get(sh.name());
      if (value == null) {
        continue;
      }
      Object err = SchemaValidator.validateField(sh.type(), value, SchemaValidator.ForeignMode.OBJECT, false);
      if (err == null && sh.isDeprecated()) {
        err = deprecationMismatch(input, sh, value);
      }
      if (err != null) {
        if (err instanceof ErrorTree t) {
          errors.put(sh.name(), t);
        } else {
          errors.put(sh.name(), (String) err);
        }
        continue;
      }
      input.remove(sh.name());
      if (value.isNull()) {
        continue;
      }
      ObjectNode expanded = sh.expand().apply(value);
      if (expanded == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : Json.fields(expanded)) {
        JsonNode cur = input.get(e.getKey());
        if (sh.isDeprecated()) {
          mergeDeprecated(input, e.getKey(), e.getValue(), cur);
        } else if (e.getValue().isObject() && cur != null && cur.isObject()) {
          ((ObjectNode) cur).setAll((ObjectNode) e.getValue());
        } else {
          input.set(e.getKey(), e.getValue());
        }
      }
    }
  }

  /**
   * Kong's {@code validate_deprecation_exclusiveness}: a deprecated shorthand and a field that
   * replaces it may both be set only to the same value. Like Kong, a replacing field that is
   * {@code false} is not compared.
   */
  private static String deprecationMismatch(ObjectNode input, Shorthand sh, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    for (String path : sh.replacedWith()) {
      JsonNode current = Json.path(input, path);
      boolean set = !Json.isNull(current) && !(current.isBoolean() && !current.booleanValue());
      if (set && !FieldRules.sameValue(current, value)) {
        return String.format(Messages.DEPRECATED_MISMATCH, sh.name(), Json.display(value), path, Json.display(current));
      }
    }
    return null;
  }

  /** The fields a deprecated shorthand expands to fill only what the input leaves absent or null. */
  private static void mergeDeprecated(ObjectNode input, String key, JsonNode expanded, JsonNode cur) {
    if (!expanded.isObject()) {
      if (Json.isNull(cur)) {
        input.set(key, expanded);
      }
      return;
    }
    ObjectNode merged = ((ObjectNode) expanded).deepCopy();
    if (cur != null && cur.isObject()) {
      for (Map.Entry<String, JsonNode> f : Json.fields(cur)) {
        if (!merged.has(f.getKey()) || !f.getValue().isNull()) {
          merged.set(f.getKey(), f.getValue());
        }
      }
    }
    input.set(key, merged);
  }
}
