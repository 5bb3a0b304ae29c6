package io.silverback.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Placeholder, replaced by the shared implementation. */
public final class Offsets {
  private Offsets() {}

  public static String encode(String lastPrimaryKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastPrimaryKey.getBytes(StandardCharsets.UTF_8));
  }

  public static String decode(String offset) {
    try {
      return new String(Base64.getUrlDecoder().decode(offset), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw StoreErrors.invalidOffset(offset, "bad base64 encoding");
    }
  }
}
