package io.silverback.gateway.balancer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * What a consistent-hashing upstream hashes a request on: {@code hash_on}, then
 * {@code hash_fallback} when the request has no such value, then the empty string (Kong's
 * {@code get_value_to_hash} in {@code kong/runloop/balancer/init.lua}).
 *
 * @param on the {@code hash_on} kind
 * @param onName the header, query argument or URI capture {@code hash_on} names
 * @param fallback the {@code hash_fallback} kind
 * @param fallbackName the header, query argument or URI capture {@code hash_fallback} names
 * @param cookie the {@code hash_on_cookie} name (for either kind)
 * @param cookiePath the {@code hash_on_cookie_path}
 */
record HashOn(String on, String onName, String fallback, String fallbackName, String cookie, String cookiePath) {

  /** The hashing settings of an upstream entity's fields. */
  static HashOn of(JsonNode upstream) {
    String on = text(upstream, "hash_on", "none");
    String fallback = text(upstream, "hash_fallback", "none");
    return new HashOn(on, name(upstream, on, "hash_on"), fallback, name(upstream, fallback, "hash_fallback"),
        text(upstream, "hash_on_cookie", null), text(upstream, "hash_on_cookie_path", "/"));
  }

  /**
   * The value to hash for one request. Hashing on a cookie the request lacks makes one up (a
   * UUID) and asks the proxy to set it ({@link HashInput#hashCookie}), as Kong does.
   */
  String value(HashInput input) {
    if ("none".equals(on)) {
      return "";
    }
    String v = value(input, on, onName);
    if (v == null && !"none".equals(fallback)) {
      v = value(input, fallback, fallbackName);
    }
    return v == null ? "" : v;
  }

  private String value(HashInput input, String kind, String name) {
    return switch (kind) {
      case "consumer" -> input.consumerId();
      case "ip" -> input.clientIp();
      case "header" -> input.header(name);
      case "cookie" -> cookie(input);
      case "path" -> input.path();
      case "query_arg" -> input.queryArg(name);
      case "uri_capture" -> input.uriCapture(name);
      default -> null;
    };
  }

  private String cookie(HashInput input) {
    String v = input.cookie(cookie);
    if (v == null) {
      v = UUID.randomUUID().toString();
      input.hashCookie(cookie, v, cookiePath);
    }
    return v;
  }

  private static String name(JsonNode upstream, String kind, String prefix) {
    return switch (kind) {
      case "header" -> text(upstream, prefix + "_header", null);
      case "query_arg" -> text(upstream, prefix + "_query_arg", null);
      case "uri_capture" -> text(upstream, prefix + "_uri_capture", null);
      default -> null;
    };
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.textValue() : fallback;
  }
}
