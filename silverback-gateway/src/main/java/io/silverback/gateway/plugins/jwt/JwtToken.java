package io.silverback.gateway.plugins.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A decoded JWT, as jwt_parser.lua's {@code decode_token}: the token split at its first two dots,
 * each part base64url-decoded (padding optional), header and claims parsed as JSON objects.
 *
 * @param signingInput {@code header64 + "." + claims64}, what the signature covers
 * @param header the JOSE header
 * @param claims the claims
 * @param signature the decoded signature
 */
record JwtToken(String signingInput, ObjectNode header, ObjectNode claims, byte[] signature) {
  /**
   * Decodes {@code token}.
   *
   * @throws JwtException with Kong's reasons: {@code invalid JSON}, {@code invalid alg}, {@code
   *     invalid claims}, {@code invalid signature}
   */
  static JwtToken decode(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0) {
      throw new JwtException("invalid JSON");
    }
    String header64 = token.substring(0, first);
    String claims64 = token.substring(first + 1, second);
    JsonNode header = json(header64);
    JsonNode claims = json(claims64);
    byte[] signature = base64url(token.substring(second + 1));
    if (!(header instanceof ObjectNode h)) {
      throw new JwtException("invalid JSON");
    }
    if (!h.path("alg").isTextual() || !JwtAlgorithms.supports(h.get("alg").textValue())) {
      throw new JwtException("invalid alg");
    }
    if (!(claims instanceof ObjectNode c)) {
      throw new JwtException("invalid claims");
    }
    if (signature == null) {
      throw new JwtException("invalid signature");
    }
    return new JwtToken(header64 + "." + claims64, h, c, signature);
  }

  /** The header's {@code alg}. */
  String algorithm() {
    return header.get("alg").textValue();
  }

  private static JsonNode json(String part) {
    byte[] bytes = base64url(part);
    if (bytes == null) {
      throw new JwtException("invalid JSON");
    }
    try {
      return Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new JwtException("invalid JSON");
    }
  }

  /** Kong's {@code base64_decode}: base64url, padded to a multiple of four; null when invalid. */
  static byte[] base64url(String input) {
    String padded = input + "===".substring(0, (4 - input.length() % 4) % 4);
    try {
      return Base64.getUrlDecoder().decode(padded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
