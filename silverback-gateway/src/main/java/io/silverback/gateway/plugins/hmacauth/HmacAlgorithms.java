package io.silverback.gateway.plugins.hmacauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs of hmac-auth, by Kong's algorithm names. */
final class HmacAlgorithms {
  private static final Map<String, String> JDK = Map.of("hmac-sha1", "HmacSHA1", "hmac-sha256", "HmacSHA256",
      "hmac-sha384", "HmacSHA384", "hmac-sha512", "HmacSHA512");

  private HmacAlgorithms() {}

  /** The HMAC of {@code text} with {@code secret}. */
  static byte[] sign(String algorithm, String secret, String text) {
    String jdk = JDK.get(algorithm);
    if (jdk == null) {
      throw new IllegalArgumentException("unknown hmac-auth algorithm '" + algorithm + "'");
    }
    try {
      Mac mac = Mac.getInstance(jdk);
      byte[] key = secret.getBytes(StandardCharsets.UTF_8);
      // SecretKeySpec refuses an empty key; HMAC pads keys with zeros, so one zero byte is the same key.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jdk));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + jdk, e);
    }
  }

  /** Whether {@code signature} (base64) is the HMAC of {@code text}; false when it is not base64. */
  static boolean matches(String algorithm, String secret, String text, String signature) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(algorithm, secret, text), given);
  }
}
