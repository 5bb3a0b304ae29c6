package io.silverback.gateway.plugins.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test tokens with the JDK, as a client of the jwt plugin would. */
public final class Jwts {
  private Jwts() {}

  public static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hmac(String alg, String claimsJson, String secret) {
    String input = b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + b64(claimsJson);
    String jdk = "Hmac" + alg.replace("HS", "SHA");
    try {
      Mac mac = Mac.getInstance(jdk);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jdk));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String signed(String alg, String jdkAlgorithm, String claimsJson, PrivateKey key) {
    String input = b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + b64(claimsJson);
    try {
      Signature s = Signature.getInstance(jdkAlgorithm);
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.UTF_8));
      return input + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa() {
    return pair("RSA", null);
  }

  public static KeyPair ec(String curve) {
    return pair("EC", curve);
  }

  private static KeyPair pair(String type, String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(type);
      if (curve != null) {
        g.initialize(new ECGenParameterSpec(curve));
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as PEM, indented for a YAML block scalar at {@code indent} spaces. */
  public static String pem(PublicKey key, int indent) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
    String pem = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    return pem.replace("\n", "\n" + " ".repeat(indent));
  }
}
