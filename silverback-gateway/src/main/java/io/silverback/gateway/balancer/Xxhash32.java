package io.silverback.gateway.balancer;

import java.nio.charset.StandardCharsets;

/**
 * XXH32 with seed 0, the hash Kong's consistent-hashing balancer places and looks up keys with
 * ({@code luaxxhash} in {@code kong/runloop/balancer/consistent_hashing.lua}). Written out here
 * rather than taken from a compression library: it is forty lines, and the continuum must hash
 * exactly as Kong's does so that a mixed cluster sends a key to the same target.
 */
final class Xxhash32 {
  private static final int P1 = 0x9E3779B1;
  private static final int P2 = 0x85EBCA77;
  private static final int P3 = 0xC2B2AE3D;
  private static final int P4 = 0x27D4EB2F;
  private static final int P5 = 0x165667B1;

  private Xxhash32() {}

  /** The hash of {@code value}'s UTF-8 bytes, as an unsigned 32-bit number. */
  static long hash(String value) {
    return Integer.toUnsignedLong(hash(value.getBytes(StandardCharsets.UTF_8)));
  }

  static int hash(byte[] in) {
    int len = in.length;
    int i = 0;
    int h;
    if (len >= 16) {
      int v1 = P1 + P2;
      int v2 = P2;
      int v3 = 0;
      int v4 = -P1;
      for (; i <= len - 16; i += 16) {
        v1 = round(v1, intAt(in, i));
        v2 = round(v2, intAt(in, i + 4));
        v3 = round(v3, intAt(in, i + 8));
        v4 = round(v4, intAt(in, i + 12));
      }
      h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
          + Integer.rotateLeft(v4, 18);
    } else {
      h = P5;
    }
    h += len;
    for (; i <= len - 4; i += 4) {
      h = Integer.rotateLeft(h + intAt(in, i) * P3, 17) * P4;
    }
    for (; i < len; i++) {
      h = Integer.rotateLeft(h + (in[i] & 0xFF) * P5, 11) * P1;
    }
    h ^= h >>> 15;
    h *= P2;
    h ^= h >>> 13;
    h *= P3;
    h ^= h >>> 16;
    return h;
  }

  private static int round(int acc, int lane) {
    return Integer.rotateLeft(acc + lane * P2, 13) * P1;
  }

  private static int intAt(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }
}
