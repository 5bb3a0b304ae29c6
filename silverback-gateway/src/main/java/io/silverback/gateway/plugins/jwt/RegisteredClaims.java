package io.silverback.gateway.plugins.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;

/**
 * jwt_parser.lua's {@code verify_registered_claims} and {@code check_maximum_expiration}: the
 * errors by claim name, as Kong sends them for a 401 ({@code {"exp": "token expired"}}).
 */
final class RegisteredClaims {
  private RegisteredClaims() {}

  /**
   * The errors of the {@code claimsToVerify} claims ({@code exp}, {@code nbf}) at {@code now}
   * (epoch seconds); empty when they hold.
   */
  static ObjectNode verify(ObjectNode claims, JsonNode claimsToVerify, long now) {
    ObjectNode errors = Json.MAPPER.createObjectNode();
    for (JsonNode c : claimsToVerify) {
      String name = c.asText();
      JsonNode value = claims.get(name);
      if (value == null || !value.isNumber()) {
        errors.put(name, "must be a number");
      } else if ("exp".equals(name) && value.doubleValue() <= now) {
        errors.put(name, "token expired");
      } else if ("nbf".equals(name) && value.doubleValue() > now) {
        errors.put(name, "token not valid yet");
      }
    }
    return errors;
  }

  /** The error when {@code exp} is missing or further than {@code maximum} seconds from {@code now}; else empty. */
  static ObjectNode maximumExpiration(ObjectNode claims, double maximum, long now) {
    ObjectNode errors = Json.MAPPER.createObjectNode();
    JsonNode exp = claims.get("exp");
    if (maximum > 0 && (exp == null || !exp.isNumber() || exp.doubleValue() - now > maximum)) {
      errors.put("exp", "exceeds maximum allowed expiration");
    }
    return errors;
  }
}
