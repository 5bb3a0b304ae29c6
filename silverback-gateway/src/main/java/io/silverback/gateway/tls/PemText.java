package io.silverback.gateway.tls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Writes certificates and keys as PEM text (PKCS#8 for keys), as OpenSSL writes them. */
final class PemText {
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemText() {}

  /**
   * The PEM of {@code certificate}.
   *
   * @throws TlsException when the certificate cannot be encoded
   */
  static String certificate(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new TlsException("cannot encode certificate " + certificate.getSubjectX500Principal() + ": "
          + e.getMessage(), e);
    }
  }

  /** The PKCS#8 PEM of {@code key}. */
  static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + label + "-----\n";
  }
}
