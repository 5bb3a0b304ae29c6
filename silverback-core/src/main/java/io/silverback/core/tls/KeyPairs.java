package io.silverback.core.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decides whether a key is the counterpart of a public key, as Kong does by comparing the public
 * halves ({@code cert:get_pubkey():to_PEM() == key:to_PEM("public")}). Public halves are derived
 * deterministically where the JDK exposes the maths (RSA modulus and exponent, EC point {@code
 * d·G}, DSA {@code g^x mod p}); EdDSA keys, whose derivation needs hashing the JDK keeps internal,
 * are checked by signing a fixed message and verifying it, which is deterministic too.
 */
final class KeyPairs {
  private static final byte[] PROBE =
      "silverback key pair probe".getBytes(StandardCharsets.US_ASCII);

  private KeyPairs() {}

  /**
   * Whether {@code candidate}, a private or public key, has {@code expected} as its public half.
   */
  static boolean matches(PublicKey expected, Key candidate) {
    if (!Objects.equals(algorithmOid(expected), algorithmOid(candidate))) {
      return false;
    }
    if (candidate instanceof PublicKey publicKey) {
      return samePublicKey(expected, publicKey);
    }
    if (candidate instanceof RSAPrivateCrtKey rsa && expected instanceof RSAPublicKey pub) {
      return rsa.getModulus().equals(pub.getModulus())
          && rsa.getPublicExponent().equals(pub.getPublicExponent());
    }
    if (candidate instanceof ECPrivateKey ec && expected instanceof ECPublicKey pub) {
      return sameCurve(ec.getParams(), pub.getParams())
          && EcMath.multiplyGenerator(ec.getParams(), ec.getS()).equals(pub.getW());
    }
    if (candidate instanceof DSAPrivateKey dsa && expected instanceof DSAPublicKey pub) {
      var params = dsa.getParams();
      return params.getP().equals(pub.getParams().getP())
          && params.getG().modPow(dsa.getX(), params.getP()).equals(pub.getY());
    }
    if (candidate instanceof EdECPrivateKey ed) {
      return signatureVerifies(ed, expected);
    }
    return false;
  }

  /** The key type as OpenSSL sees it: the OID of the key's AlgorithmIdentifier. */
  static String algorithmOid(Key key) {
    var encoded = key.getEncoded();
    if (encoded == null) {
      return key.getAlgorithm();
    }
    var info = Der.parse(encoded);
    var algorithm = key instanceof PrivateKey ? info.child(1) : info.child(0);
    return algorithm.child(0).oid();
  }

  private static boolean samePublicKey(PublicKey first, PublicKey second) {
    if (first instanceof RSAPublicKey a && second instanceof RSAPublicKey b) {
      return a.getModulus().equals(b.getModulus())
          && a.getPublicExponent().equals(b.getPublicExponent());
    }
    if (first instanceof ECPublicKey a && second instanceof ECPublicKey b) {
      return sameCurve(a.getParams(), b.getParams()) && a.getW().equals(b.getW());
    }
    return Arrays.equals(first.getEncoded(), second.getEncoded());
  }

  private static boolean sameCurve(ECParameterSpec first, ECParameterSpec second) {
    return first.getCurve().equals(second.getCurve())
        && first.getGenerator().equals(second.getGenerator())
        && first.getOrder().equals(second.getOrder())
        && first.getCofactor() == second.getCofactor();
  }

  private static boolean signatureVerifies(PrivateKey privateKey, PublicKey publicKey) {
    try {
      var signer = Signature.getInstance("EdDSA");
      signer.initSign(privateKey);
      signer.update(PROBE);
      var signature = signer.sign();
      var verifier = Signature.getInstance("EdDSA");
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
