package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fills the {@code auto} fields of a validated entity: random UUIDs for absent ids, the creation
 * and update timestamps, and random 32-character secrets (key-auth keys, JWT and HMAC secrets).
 *
 * <p>Kong overwrites {@code updated_at} on every load; Silverback keeps a timestamp that the
 * input carries, so that a restored or re-imported backup keeps its history byte for byte.
 */
public final class AutoFields {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final long nowSeconds;
  private final double nowMillis;

  private AutoFields(Clock clock) {
    long ms = clock.millis();
    this.nowSeconds = ms / 1000;
    this.nowMillis = ms / 1000.0;
  }

  /** Auto fields stamped with {@code clock}'s current time (one instant for a whole load). */
  public static AutoFields at(Clock clock) {
    return new AutoFields(clock);
  }

  /** Fills the auto fields of {@code entity} that are absent or null. */
  public void fill(RecordSchema schema, ObjectNode entity) {
    for (Map.Entry<String, Field> e : schema.autoFields()) {
      Field f = e.getValue();
      String name = e.getKey();
      JsonNode cur = entity.get(name);
      if (!Json.isNull(cur)) {
        continue;
      }
      if (f.isUuid()) {
        entity.put(name, randomId());
      } else if (f.isTimestamp()) {
        if (f.type() == FieldType.NUMBER) {
          entity.put(name, nowMillis);
        } else {
          entity.set(name, Json.integer(nowSeconds));
        }
      } else if (f.type() == FieldType.STRING) {
        entity.put(name, randomString());
      }
    }
  }

  /**
   * A random version-4 UUID. Ids are identifiers, not secrets, so they come from a fast
   * thread-local generator rather than {@code SecureRandom}, which would cost more than the rest of
   * a 100k-entity load's auto fields together.
   */
  public static String randomId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** A random 32-character alphanumeric secret, as Kong's {@code random_string}. */
  public static String randomString() {
    char[] out = new char[32];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
