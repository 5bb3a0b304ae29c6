package io.silverback.core.tls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads a JSON Web Key with the rules of lua-resty-openssl's {@code jwk.load_jwk} on OpenSSL 3,
 * which Kong uses for {@code keys.jwk} and for any key field given as JSON: {@code kty} must be
 * {@code RSA} (needs {@code n}, {@code e}), {@code EC} (needs {@code crv}, {@code x}, {@code y} on
 * P-256, P-384 or P-521) or {@code OKP} (needs {@code crv} Ed25519, Ed448, X25519 or X448 and
 * {@code x} or {@code d}); every other member that carries key material must be valid base64url.
 * Symmetric {@code oct} keys are rejected, as they are by Kong.
 */
final class Jwk {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
  private static final List<String> RSA_OPTIONAL = List.of("d", "p", "q", "dp", "dq", "qi");

  /** JWK curve names (and their OpenSSL aliases) → JDK curve name and coordinate size. */
  private static final Map<String, Map.Entry<String, Integer>> EC_CURVES =
      Map.of(
          "P-256", Map.entry("secp256r1", 32),
          "prime256v1", Map.entry("secp256r1", 32),
          "P-384", Map.entry("secp384r1", 48),
          "secp384r1", Map.entry("secp384r1", 48),
          "P-521", Map.entry("secp521r1", 66),
          "secp521r1", Map.entry("secp521r1", 66));

  /** OKP curve → key algorithm OID and raw key length. */
  private static final Map<String, Map.Entry<String, Integer>> OKP_CURVES =
      Map.of(
          "ED25519", Map.entry(KeyDecoder.ED25519, 32),
          "ED448", Map.entry(KeyDecoder.ED448, 57),
          "X25519", Map.entry(KeyDecoder.X25519, 32),
          "X448", Map.entry(KeyDecoder.X448, 56));

  private Jwk() {}

  /**
   * Parses {@code text} as JSON and loads it as a key: the public key for RSA and EC, and for OKP
   * the public key when {@code x} is given, else the private key.
   *
   * @throws PemException with a reason when the text is not a loadable JWK
   */
  static Key load(String text) {
    return load(parse(text));
  }

  static JsonNode parse(String text) {
    try {
      var node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw malformed("error decoding JSON from JWK: empty input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed("error decoding JSON from JWK: " + e.getOriginalMessage());
    }
  }

  static Key load(JsonNode jwk) {
    if (!jwk.isObject()) {
      throw malformed(
          "expected a JSON object, got " + jwk.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    var kty = jwk.path("kty");
    if (!kty.isTextual()) {
      throw malformed("missing \"kty\" parameter from JWK");
    }
    return switch (kty.asText()) {
      case "RSA" -> rsa(jwk);
      case "EC" -> ec(jwk);
      case "OKP" -> okp(jwk);
      default ->
          throw new PemException(
              PemException.Problem.UNSUPPORTED,
              "not yet supported jwk type \"" + kty.asText() + "\"");
    };
  }

  private static Key rsa(JsonNode jwk) {
    var n = new BigInteger(1, required(jwk, "n"));
    var e = new BigInteger(1, required(jwk, "e"));
    RSA_OPTIONAL.forEach(name -> optional(jwk, name));
    if (n.signum() == 0 || e.signum() == 0) {
      throw malformed("RSA modulus and exponent must not be zero");
    }
    return generate("RSA", new RSAPublicKeySpec(n, e));
  }

  private static Key ec(JsonNode jwk) {
    var crv = jwk.path("crv");
    if (!crv.isTextual()) {
      throw malformed("missing required parameter \"crv\"");
    }
    var curve = EC_CURVES.get(crv.asText());
    if (curve == null) {
      throw new PemException(PemException.Problem.UNSUPPORTED, "unsupported curve " + crv.asText());
    }
    var x = coordinate(required(jwk, "x"), curve.getValue());
    var y = coordinate(required(jwk, "y"), curve.getValue());
    optional(jwk, "d");
    var params = namedCurve(curve.getKey());
    if (!EcMath.isOnCurve(params, x, y)) {
      throw malformed("point (x, y) is not on curve " + crv.asText());
    }
    return generate("EC", new ECPublicKeySpec(new ECPoint(x, y), params));
  }

  private static Key okp(JsonNode jwk) {
    var crv = jwk.path("crv");
    if (!crv.isTextual()) {
      throw malformed("missing \"crv\" parameter from OKP JWK");
    }
    var curve = OKP_CURVES.get(crv.asText().toUpperCase(Locale.ROOT));
    if (curve == null) {
      throw new PemException(
          PemException.Problem.UNSUPPORTED, "unknown curve \"" + crv.asText() + "\"");
    }
    var x = optional(jwk, "x");
    var d = optional(jwk, "d");
    for (var raw : new byte[][] {x, d}) {
      if (raw != null && raw.length != curve.getValue()) {
        throw malformed(
            crv.asText() + " keys are " + curve.getValue() + " bytes long, got " + raw.length);
      }
    }
    var algorithm = Der.sequence(Der.oid(curve.getKey()));
    if (x != null) {
      return KeyDecoder.spki(Der.sequence(algorithm, Der.bitString(x)));
    }
    if (d != null) {
      var privateKey = Der.encode(Der.OCTET_STRING, Der.encode(Der.OCTET_STRING, d));
      return KeyDecoder.pkcs8(Der.sequence(Der.integer(BigInteger.ZERO), algorithm, privateKey));
    }
    throw malformed("missing at least one of \"x\" or \"d\" parameter from OKP JWK");
  }

  private static byte[] required(JsonNode jwk, String name) {
    var value = optional(jwk, name);
    if (value == null) {
      throw malformed("missing required parameter \"" + name + "\"");
    }
    return value;
  }

  /** The decoded member, or null when it is absent or not a string (then OpenSSL ignores it). */
  private static byte[] optional(JsonNode jwk, String name) {
    var value = jwk.path(name);
    if (!value.isTextual()) {
      return null;
    }
    var text = value.asText();
    var padding = text.indexOf('=');
    var body = padding < 0 ? text : text.substring(0, padding);
    if (!BASE64URL.matcher(body).matches() || body.length() % 4 == 1) {
      throw malformed("cannot decode parameter \"" + name + "\" from base64 " + text);
    }
    return Base64.getUrlDecoder().decode(body);
  }

  private static BigInteger coordinate(byte[] bytes, int size) {
    if (bytes.length > size) {
      throw malformed("coordinate length " + bytes.length + " is longer than expected " + size);
    }
    return new BigInteger(1, bytes);
  }

  private static ECParameterSpec namedCurve(String name) {
    try {
      var parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(name));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new PemException(
          PemException.Problem.UNSUPPORTED, "curve " + name + " is unavailable", e);
    }
  }

  private static Key generate(String algorithm, KeySpec spec) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(spec);
    } catch (GeneralSecurityException e) {
      throw new PemException(
          PemException.Problem.MALFORMED, "invalid " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  private static PemException malformed(String message) {
    return new PemException(PemException.Problem.MALFORMED, message);
  }
}
