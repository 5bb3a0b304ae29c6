package io.silverback.core.declarative;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** RFC 4122 name-based UUIDs, version 5 (SHA-1 of the namespace's bytes and the UTF-8 name). */
public final class Uuid5 {
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  });

  private Uuid5() {}

  /** The version-5 UUID of {@code name} in {@code namespace}. */
  public static UUID of(UUID namespace, String name) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits());
    ns.putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
    return new UUID(bb.getLong(), bb.getLong());
  }
}
