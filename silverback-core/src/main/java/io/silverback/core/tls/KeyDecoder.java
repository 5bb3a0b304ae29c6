package io.silverback.core.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

/**
 * Turns PEM key blocks into JDK keys. Traditional OpenSSL encodings are wrapped, byte for byte,
 * into the PKCS#8 or SubjectPublicKeyInfo envelope (see {@link Der}); the algorithm is then read
 * from the envelope's AlgorithmIdentifier so that the matching {@link KeyFactory} does the real
 * parsing.
 */
final class KeyDecoder {
  static final String RSA = "1.2.840.113549.1.1.1";
  static final String RSA_PSS = "1.2.840.113549.1.1.10";
  static final String EC = "1.2.840.10045.2.1";
  static final String X25519 = "1.3.101.110";
  static final String X448 = "1.3.101.111";
  static final String ED25519 = "1.3.101.112";
  static final String ED448 = "1.3.101.113";
  static final String DSA = "1.2.840.10040.4.1";

  private static final Map<String, String> FACTORIES =
      Map.of(
          RSA, "RSA",
          RSA_PSS, "RSASSA-PSS",
          EC, "EC",
          X25519, "X25519",
          X448, "X448",
          ED25519, "Ed25519",
          ED448, "Ed448",
          DSA, "DSA");

  private KeyDecoder() {}

  static PrivateKey privateKey(Pem.Block block) {
    if (block.encrypted()) {
      throw new PemException(
          PemException.Problem.ENCRYPTED,
          "encrypted private keys are not supported, provide the key without a passphrase");
    }
    return switch (block.label()) {
      case "PRIVATE KEY" -> pkcs8(block.der());
      case "RSA PRIVATE KEY" -> pkcs8(envelope(algorithm(RSA, Der.encode(Der.NULL)), block.der()));
      case "EC PRIVATE KEY" -> pkcs8(envelope(algorithm(EC, curveOf(block.der())), block.der()));
      default -> throw unsupported(block.label() + " blocks are not supported");
    };
  }

  static PublicKey publicKey(Pem.Block block) {
    return switch (block.label()) {
      case "PUBLIC KEY" -> spki(block.der());
      case "RSA PUBLIC KEY" ->
          spki(
              Der.sequence(
                  algorithm(RSA, Der.encode(Der.NULL)), Der.bitString(rsaPublic(block.der()))));
      default -> throw unsupported(block.label() + " blocks are not supported");
    };
  }

  /** Loads a PKCS#8 PrivateKeyInfo. */
  static PrivateKey pkcs8(byte[] der) {
    var oid = Der.parse(der).expect(Der.SEQUENCE).child(1).expect(Der.SEQUENCE).child(0).oid();
    try {
      return factory(oid).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new PemException(
          PemException.Problem.MALFORMED, "malformed private key: " + e.getMessage(), e);
    }
  }

  /** Loads an X.509 SubjectPublicKeyInfo. */
  static PublicKey spki(byte[] der) {
    var oid = algorithmOid(der);
    try {
      return factory(oid).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new PemException(
          PemException.Problem.MALFORMED, "malformed public key: " + e.getMessage(), e);
    }
  }

  /** The key algorithm OID of a SubjectPublicKeyInfo, which is what OpenSSL calls the key type. */
  static String algorithmOid(byte[] spki) {
    return Der.parse(spki).expect(Der.SEQUENCE).child(0).expect(Der.SEQUENCE).child(0).oid();
  }

  static byte[] algorithm(String oid, byte[] parameters) {
    return Der.sequence(Der.oid(oid), parameters);
  }

  private static byte[] envelope(byte[] algorithm, byte[] privateKey) {
    return Der.sequence(
        Der.integer(BigInteger.ZERO), algorithm, Der.encode(Der.OCTET_STRING, privateKey));
  }

  /** The ECParameters of a SEC1 ECPrivateKey: its {@code [0]} element, which PKCS#8 moves out. */
  private static byte[] curveOf(byte[] sec1) {
    for (var element : Der.parse(sec1).expect(Der.SEQUENCE).children()) {
      if (element.tag() == 0xa0) {
        return Der.parse(element.content()).encoded();
      }
    }
    throw new PemException(
        PemException.Problem.MALFORMED, "EC PRIVATE KEY carries no curve parameters");
  }

  /** Checks that a PKCS#1 RSAPublicKey is a SEQUENCE of two INTEGERs before it is wrapped. */
  private static byte[] rsaPublic(byte[] pkcs1) {
    var key = Der.parse(pkcs1).expect(Der.SEQUENCE);
    key.child(0).integer();
    key.child(1).integer();
    return pkcs1;
  }

  private static KeyFactory factory(String oid) throws GeneralSecurityException {
    var name = FACTORIES.get(oid);
    if (name == null) {
      throw unsupported("unsupported key algorithm " + oid);
    }
    return KeyFactory.getInstance(name);
  }

  private static PemException unsupported(String message) {
    return new PemException(PemException.Problem.UNSUPPORTED, message);
  }
}
