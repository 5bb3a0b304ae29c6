package io.silverback.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Kong-style opaque page offsets, shared by every store.
 *
 * <p>Pages are ordered by primary key compared as Java strings ({@link String#compareTo}); for
 * canonical lower-case UUIDs that is PostgreSQL's {@code uuid} order and for text keys it is
 * {@code COLLATE "C"}. An offset names the last key of the previous page, and the next page begins
 * strictly after it (keyset pagination: {@code WHERE pk > last ORDER BY pk LIMIT size}), so it stays
 * valid when that entity is deleted meanwhile.
 *
 * <p>The payload is a JSON array {@code [lastKey, checksum]} in unpadded base64url, as Kong's
 * PostgreSQL strategy encodes {@code [lastKey]} ({@code kong/db/strategies/postgres/init.lua}).
 * The CRC-32 checksum catches a garbled or hand-edited offset; it is not a secret, and needs not
 * be: an offset only says where a listing the caller may read anyway resumes.
 */
public final class Offsets {
  private static final ObjectReader STRICT = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Offsets() {}

  /** The offset of the page that follows the one ending with {@code lastPrimaryKey}. */
  public static String encode(String lastPrimaryKey) {
    ArrayNode payload = Json.array().add(lastPrimaryKey).add(checksum(lastPrimaryKey));
    byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The last primary key of the previous page, as {@link #encode} put it in {@code offset}.
   *
   * @throws StoreException {@code INVALID_OFFSET}: {@code bad base64 encoding} and
   *     {@code bad json encoding} as Kong words them, {@code bad offset string} for a payload of
   *     the wrong shape or with a wrong checksum
   */
  public static String decode(String offset) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(offset);
    } catch (IllegalArgumentException e) {
      throw StoreErrors.invalidOffset(offset, "bad base64 encoding");
    }
    JsonNode payload;
    try {
      payload = STRICT.readTree(bytes);
    } catch (IOException e) {
      throw StoreErrors.invalidOffset(offset, "bad json encoding");
    }
    if (payload == null || payload.isMissingNode()) {
      throw StoreErrors.invalidOffset(offset, "bad json encoding");
    }
    if (!payload.isArray() || payload.size() != 2
        || !payload.get(0).isTextual() || !payload.get(1).isTextual()) {
      throw StoreErrors.invalidOffset(offset, "bad offset string");
    }
    String key = payload.get(0).textValue();
    if (!checksum(key).equals(payload.get(1).textValue())) {
      throw StoreErrors.invalidOffset(offset, "bad offset string");
    }
    return key;
  }

  private static String checksum(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
