package io.silverback.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;

/**
 * The rows and offsets of the {@code /tags} listing ({@link Store#tags}), shared by every store.
 * A row is the position {@code (entity id, ordinality)} of one tag; an offset names the last row
 * of the previous page as {@code "<entity id>/<ordinality>"} inside an {@link Offsets} payload,
 * as Kong's {@code kong/db/strategies/postgres/tags.lua} encodes {@code [entity_id, ordinality]}.
 */
public final class TagOffsets {
  /** The pseudo entity type of {@code /tags} rows. */
  public static final String TYPE = "tags";

  /**
   * Where a page resumes: strictly after {@code ordinality} of entity {@code entityId}.
   *
   * @param entityId the last row's entity id
   * @param ordinality the last row's tag position, from 1
   */
  public record Position(String entityId, long ordinality) {}

  private TagOffsets() {}

  /** One {@code /tags} row. */
  public static Entity row(String entityName, String entityId, String tag) {
    ObjectNode fields = Json.object().put("entity_name", entityName).put("entity_id", entityId).put("tag", tag);
    return new Entity(TYPE, entityId, fields);
  }

  public static String encode(String entityId, long ordinality) {
    return Offsets.encode(entityId + "/" + ordinality);
  }

  /**
   * The position {@link #encode} put in {@code offset}.
   *
   * @throws StoreException {@code INVALID_OFFSET} as {@link Offsets#decode}, or
   *     {@code bad offset string} for a payload that is not a tag position
   */
  public static Position decode(String offset) {
    String key = Offsets.decode(offset);
    int slash = key.lastIndexOf('/');
    try {
      if (slash > 0) {
        return new Position(key.substring(0, slash), Long.parseLong(key.substring(slash + 1)));
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw StoreErrors.invalidOffset(offset, "bad offset string");
  }
}
