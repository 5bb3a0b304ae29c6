package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import java.util.Locale;
import java.util.Map;

/**
 * A schema as Kong's {@code api_helpers.schema_to_jsonable} renders it: {@code fields} as a list
 * of one-key objects ({@code [{"id": {"type": "string", "uuid": true, "auto": true}}, ...]}) and
 * {@code entity_checks}.
 *
 * <p>Approximations: {@code entity_checks} is always empty (checks are functions here, not
 * tables); patterns are Java regexes where Kong shows Lua patterns; {@code description} is
 * absent; sensitive fields are marked {@code "encrypted": true} as Kong marks its encrypted ones.
 */
final class SchemaJson {
  private SchemaJson() {}

  static ObjectNode of(RecordSchema schema) {
    ObjectNode out = Json.object();
    out.set("fields", fields(schema));
    out.putArray("entity_checks");
    return out;
  }

  private static ArrayNode fields(RecordSchema schema) {
    ArrayNode list = Json.array();
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      list.addObject().set(f.getKey(), field(f.getValue()));
    }
    return list;
  }

  static ObjectNode field(Field f) {
    ObjectNode out = Json.object().put("type", f.type().name().toLowerCase(Locale.ROOT));
    flag(out, "required", f.required());
    flag(out, "auto", f.auto());
    flag(out, "unique", f.unique());
    flag(out, "uuid", f.isUuid());
    flag(out, "timestamp", f.isTimestamp());
    flag(out, "referenceable", f.referenceable());
    flag(out, "encrypted", f.sensitive());
    flag(out, "transient", f.isTransient());
    f.defaultValue().ifPresent(d -> out.set("default", d));
    f.customError().ifPresent(e -> out.put("err", e));
    if (f.mustBeNull()) {
      out.putNull("eq");
    }
    f.describeRules(out);
    f.elements().ifPresent(e -> out.set("elements", field(e)));
    f.keys().ifPresent(k -> out.set("keys", field(k)));
    f.values().ifPresent(v -> out.set("values", field(v)));
    if (f.type() == FieldType.RECORD) {
      f.record().ifPresent(r -> out.set("fields", fields(r)));
    }
    if (f.type() == FieldType.FOREIGN) {
      f.reference().ifPresent(r -> out.put("reference", r));
      if (f.onDelete() == Field.OnDelete.CASCADE) {
        out.put("on_delete", "cascade");
      }
    }
    return out;
  }

  private static void flag(ObjectNode out, String name, boolean set) {
    if (set) {
      out.put(name, true);
    }
  }
}
