package io.silverback.gateway.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * One certificate chain (leaf first) with the private key of its leaf: the {@code cert}/{@code
 * key} or the {@code cert_alt}/{@code key_alt} half of a certificate entity.
 *
 * @param chain the chain, leaf first; never empty
 * @param key the leaf's private key
 */
public record KeyedCertificate(List<X509Certificate> chain, PrivateKey key) {
  public KeyedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
  }

  /** The leaf certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** The chain as the key manager API wants it. */
  public X509Certificate[] chainArray() {
    return chain.toArray(new X509Certificate[0]);
  }

  /**
   * Whether this certificate serves a handshake that asks for {@code keyType}, a JSSE key type:
   * {@code RSA}, {@code RSASSA-PSS}, {@code EC} (and TLS 1.2's {@code EC_EC}, {@code EC_RSA}),
   * {@code EdDSA}.
   */
  public boolean serves(String keyType) {
    String wanted = keyType.toUpperCase(Locale.ROOT);
    String have = family(leaf().getPublicKey().getAlgorithm());
    if (wanted.startsWith("EC")) {
      return have.equals("EC");
    }
    return family(wanted).equals(have);
  }

  private static String family(String algorithm) {
    String a = algorithm.toUpperCase(Locale.ROOT);
    return a.equals("ED25519") || a.equals("ED448") ? "EDDSA" : a;
  }
}
