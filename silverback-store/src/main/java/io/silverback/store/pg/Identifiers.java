package io.silverback.store.pg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names derived from a schema name ({@code silverback_<schema>} channels, {@code
 * <schema>_sb_restore} schemas) within PostgreSQL's 63-byte identifier limit ({@code NAMEDATALEN
 * - 1}). PostgreSQL cuts longer identifiers silently, or refuses them (a {@code LISTEN} channel:
 * "channel name too long"), and two long names sharing their first 63 bytes would collide. A name
 * that fits is kept; one that does not keeps as many leading bytes of the schema as fit, then
 * {@code _}, eight hex digits of the schema's SHA-256, and the suffix: unique per schema, within
 * the limit, and the same on every call.
 */
public final class Identifiers {
  /** PostgreSQL's longest identifier, in bytes. */
  public static final int MAX_BYTES = 63;
  private static final int HASH_HEX = 8;

  private Identifiers() {}

  /** {@code prefix + schema + suffix}, shortened as the class says when longer than {@value #MAX_BYTES} bytes. */
  public static String derived(String prefix, String schema, String suffix) {
    String plain = prefix + schema + suffix;
    if (bytes(plain) <= MAX_BYTES) {
      return plain;
    }
    String tail = "_" + hash(schema) + suffix;
    int room = MAX_BYTES - bytes(prefix) - bytes(tail);
    StringBuilder head = new StringBuilder(prefix);
    int used = 0;
    for (int i = 0; i < schema.length(); ) {
      int cp = schema.codePointAt(i);
      int size = bytes(new String(Character.toChars(cp)));
      if (used + size > room) {
        break;
      }
      head.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return head + tail;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String hash(String schema) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
