package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.StoreErrors;
import java.time.Clock;

/**
 * The {@code ttl} of expiring entities ({@code keyauth_credentials}) as Kong's Admin API shows it,
 * while the store keeps an absolute expiry. In a request body, {@code ttl} is seconds from now
 * ({@code endpoints.extract_options} moves it to the DAO's {@code ttl} option: an integer from 0
 * to {@value #MAX}, 0 meaning never); in a response it is the seconds that remain
 * ({@code FLOOR(EXTRACT(EPOCH FROM ttl - CURRENT_TIMESTAMP))} in Kong's PostgreSQL strategy). An
 * entity whose expiry has passed is treated as absent.
 */
final class Ttl {
  /** Kong's {@code DAO_MAX_TTL}. */
  static final long MAX = 100_000_000L;
  private static final String FIELD = "ttl";

  private final Clock clock;

  Ttl(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@code body} with a relative {@code ttl} turned into the absolute epoch second the store keeps;
   * {@code 0} or {@code null} clear it. Bodies of entities without a ttl are returned as they are.
   *
   * @throws io.silverback.store.StoreException {@code INVALID_OPTIONS}
   *     {@code must be an integer between 0 and 100000000}
   */
  ObjectNode toStore(EntitySchema schema, ObjectNode body) {
    JsonNode ttl = body.get(FIELD);
    if (!schema.ttl() || ttl == null) {
      return body;
    }
    if (ttl.isNull()) {
      return body;
    }
    double seconds = ttl.isNumber() ? ttl.doubleValue() : Double.NaN;
    if (!(seconds >= 0 && seconds <= MAX && seconds == Math.floor(seconds))) {
      throw StoreErrors.invalidOptions(FIELD, "must be an integer between 0 and " + MAX);
    }
    ObjectNode out = body.deepCopy();
    if (seconds == 0) {
      out.putNull(FIELD);
    } else {
      out.put(FIELD, nowSeconds() + (long) seconds);
    }
    return out;
  }

  /** The entity's fields as the Admin API shows them: a stored expiry as the seconds remaining. */
  ObjectNode render(Entity e) {
    JsonNode ttl = e.get(FIELD);
    if (!ttl.isNumber()) {
      return e.fields();
    }
    ObjectNode out = e.copy();
    out.put(FIELD, Math.max(0, (long) Math.floor(ttl.doubleValue() - nowExact())));
    return out;
  }

  /** Whether the entity's expiry has passed (it is then not found, as in Kong). */
  boolean expired(Entity e) {
    JsonNode ttl = e.get(FIELD);
    return ttl.isNumber() && ttl.doubleValue() <= nowExact();
  }

  private long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  private double nowExact() {
    return clock.millis() / 1000.0;
  }
}
