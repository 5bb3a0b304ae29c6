package io.silverback.gateway.plugins.jwt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature checks of jwt_parser.lua's {@code alg_verify}, with the JDK providers: HMAC for
 * {@code HS*}, PKCS#1 v1.5 for {@code RS*}, raw {@code r||s} ECDSA for {@code ES*} (JOSE's form,
 * of exactly 64, 96 or 132 bytes), RSA-PSS for {@code PS*} (salt as long as the hash, 256-byte
 * signatures as Kong requires) and Ed25519/Ed448 for {@code EdDSA}.
 */
final class JwtAlgorithms {
  private static final Map<String, String> HMAC = Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384",
      "HS512", "HmacSHA512");
  private static final Map<String, String> SIGNATURE = Map.of(
      "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA",
      "ES256", "SHA256withECDSAinP1363Format", "ES384", "SHA384withECDSAinP1363Format",
      "ES512", "SHA512withECDSAinP1363Format", "EdDSA", "EdDSA");
  private static final Map<String, Integer> ES_LENGTH = Map.of("ES256", 64, "ES384", 96, "ES512", 132);
  private static final Map<String, String> PSS = Map.of("PS256", "SHA-256", "PS384", "SHA-384", "PS512", "SHA-512");

  private JwtAlgorithms() {}

  /** Whether {@code alg} is one Kong verifies. */
  static boolean supports(String alg) {
    return HMAC.containsKey(alg) || SIGNATURE.containsKey(alg) || PSS.containsKey(alg);
  }

  /** Whether {@code alg} is symmetric ({@code HS*}). */
  static boolean symmetric(String alg) {
    return alg.startsWith("HS");
  }

  /** Checks an {@code HS*} signature with {@code secret}. */
  static boolean verifyHmac(String alg, byte[] data, byte[] signature, byte[] secret) {
    try {
      Mac mac = Mac.getInstance(HMAC.get(alg));
      // SecretKeySpec refuses an empty key; HMAC pads keys with zeros, so one zero byte is the same key.
      mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, HMAC.get(alg)));
      return MessageDigest.isEqual(mac.doFinal(data), signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Checks an asymmetric signature with {@code key}; false for a key of another kind. */
  static boolean verifySignature(String alg, byte[] data, byte[] signature, PublicKey key) {
    Integer esLength = ES_LENGTH.get(alg);
    if (esLength != null && signature.length != esLength || PSS.containsKey(alg) && signature.length != 256) {
      return false;
    }
    try {
      Signature s;
      if (PSS.containsKey(alg)) {
        String hash = PSS.get(alg);
        s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
            MessageDigest.getInstance(hash).getDigestLength(), 1));
      } else {
        s = Signature.getInstance(SIGNATURE.get(alg));
      }
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
