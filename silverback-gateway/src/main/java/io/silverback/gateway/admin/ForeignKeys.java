package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.store.KongError;
import io.silverback.store.Store;
import io.silverback.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Foreign keys given by endpoint key ({@code "service": {"name": "svc"}}) turned into primary
 * keys before a write, as Kong's DAO {@code resolve_foreign} does; a key that names nothing is
 * Kong's {@code FOREIGN_KEYS_UNRESOLVED}. References by {@code id}, and values that are not
 * records, are left for the schema to judge.
 */
final class ForeignKeys {
  private final Store store;

  ForeignKeys(Store store) {
    this.store = store;
  }

  /** A copy of {@code body} with every resolvable foreign key as {@code {"id": ...}}. */
  ObjectNode resolve(EntitySchema schema, ObjectNode body) {
    ObjectNode out = body.deepCopy();
    ObjectNode errors = Json.object();
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
      JsonNode value = out.get(fk.getKey());
      if (!(value instanceof ObjectNode ref) || ref.path("id").isTextual() && EntityOps.isUuid(ref.get("id").textValue())) {
        continue;
      }
      EntitySchema parent = store.registry().require(fk.getValue().reference().orElseThrow());
      Optional<String> key = parent.endpointKey().filter(k -> ref.path(k).isTextual());
      if (key.isEmpty() || !parent.endpointKeyIsUnique()) {
        continue;
      }
      String name = ref.get(key.get()).textValue();
      Optional<Entity> found = store.find(parent.name(), name);
      if (found.isPresent()) {
        out.set(fk.getKey(), EntityOps.reference(found.get()));
      } else {
        String message = "the foreign key cannot be resolved with '{" + key.get() + "=" + quoted(name)
            + "}' for an existing '" + parent.name() + "' entity";
        errors.set(fk.getKey(), Json.object().put(key.get(), message));
        parts.add(fk.getKey() + "." + key.get() + ": " + message);
      }
    }
    if (!parts.isEmpty()) {
      parts.sort(null);
      String message = parts.size() == 1 ? "foreign key unresolved (" + parts.get(0) + ")"
          : parts.size() + " foreign keys unresolved (" + String.join("; ", parts) + ")";
      throw new StoreException(KongError.FOREIGN_KEYS_UNRESOLVED, message, errors);
    }
    return out;
  }

  /** Penlight's quoting of a string value. */
  private static String quoted(String v) {
    return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
