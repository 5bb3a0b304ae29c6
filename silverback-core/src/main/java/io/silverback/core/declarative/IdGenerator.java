package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kong's deterministic ids for declarative records written without one
 * (kong/db/schema/others/declarative_config.lua {@code get_key_for_uuid_gen}), so that the same
 * file gives the same ids in Kong and in Silverback.
 *
 * <p>The id is {@code uuid5(uuid5(ENTITIES_NS, <entity>), key)}. The key is the entity's cache
 * key {@code <entity>:*:<v1>:<v2>...} when it has one (no key at all when a part is auto-generated
 * or required and missing), else its endpoint key's value (suffixed with the parent's id and the
 * workspace when the endpoint key is not unique). Without a key the id is left for a random one.
 */
final class IdGenerator {
  /** Kong's namespace of all entity namespaces. */
  static final UUID ENTITIES_NS = UUID.fromString("fd02801f-0957-4a15-a55a-c8d9606f30b5");

  /** Kong's workspace marker in open-source keys. */
  static final String WS = "*";

  private final Map<String, UUID> namespaces = new ConcurrentHashMap<>();

  /**
   * The id for {@code item}, or empty when Kong would leave it random.
   *
   * @param schema the item's entity
   * @param item the record as written (references still by name)
   * @param parentId the id of the record it is nested in, when nested and known
   * @param parentField the foreign-key field that points to that parent, when nested
   */
  Optional<String> idFor(EntitySchema schema, ObjectNode item, String parentId, String parentField) {
    Field pk = schema.fields().get(schema.primaryKey());
    if (!pk.isUuid() || item.has(schema.primaryKey())) {
      return Optional.empty();
    }
    Optional<String> key;
    if (!schema.cacheKey().isEmpty()) {
      key = cacheKey(schema, item, parentId, parentField);
    } else {
      key = endpointKey(schema, item, parentId);
    }
    return key.map(k -> Uuid5.of(namespace(schema.name()), k).toString());
  }

  private UUID namespace(String entity) {
    return namespaces.computeIfAbsent(entity, e -> Uuid5.of(ENTITIES_NS, e));
  }

  private static Optional<String> cacheKey(EntitySchema schema, ObjectNode item, String parentId, String parentField) {
    StringBuilder sb = new StringBuilder(schema.name()).append(':').append(WS);
    for (String k : schema.cacheKey()) {
      Field f = schema.fields().get(k);
      if (f.auto()) {
        return Optional.empty();
      }
      JsonNode v = item.get(k);
      if (v != null && v.isTextual()) {
        sb.append(':').append(v.textValue());
      } else if (v == null) {
        if (k.equals(parentField)) {
          if (parentId == null) {
            return Optional.empty();
          }
          sb.append(':').append(parentId);
        } else if (f.required()) {
          return Optional.empty();
        } else {
          sb.append(':');
        }
      }
      // Kong quirk: a null or non-string value contributes nothing, not even its separator.
    }
    return Optional.of(sb.toString());
  }

  private static Optional<String> endpointKey(EntitySchema schema, ObjectNode item, String parentId) {
    if (schema.endpointKey().isEmpty()) {
      return Optional.empty();
    }
    String ek = schema.endpointKey().get();
    JsonNode v = item.get(ek);
    if (v == null) {
      return Optional.empty();
    }
    String key = v.isTextual() ? v.textValue() : v.toString();
    Field f = schema.fields().get(ek);
    if (!f.unique()) {
      for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
        if (fk.getValue().onDelete() == Field.OnDelete.CASCADE) {
          key += ":" + (parentId != null ? parentId : String.valueOf(text(item.get(fk.getKey()))));
        }
      }
      if (!f.uniqueAcrossWorkspaces()) {
        key += ":" + WS;
      }
    }
    return Optional.of(key);
  }

  private static String text(JsonNode v) {
    return v == null ? "nil" : v.isTextual() ? v.textValue() : v.toString();
  }
}
