package io.silverback.gateway.tls;

import io.silverback.core.config.Entity;
import io.silverback.core.tls.Pem;
import io.silverback.core.tls.PemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one certificate entity serves: its {@code cert}/{@code key} and, when set, its {@code
 * cert_alt}/{@code key_alt} (the schema makes the two of different key types, RSA and ECDSA), in
 * that order. A handshake gets the first one of a key type the client accepts, as nginx does with
 * two {@code ssl_certificate}s.
 *
 * @param id the certificate entity's id, or a name for the default certificate
 * @param alternatives one or two certificates, the primary first
 */
public record CertificateKeys(String id, List<KeyedCertificate> alternatives) {
  public CertificateKeys {
    alternatives = List.copyOf(alternatives);
  }

  /**
   * Parses a {@code certificates} entity.
   *
   * @throws TlsException naming the certificate id when a PEM field does not parse (a vault
   *     reference such as {@code {vault://env/cert}} is not resolved here, and does not parse)
   */
  public static CertificateKeys of(Entity certificate) {
    List<KeyedCertificate> out = new ArrayList<>();
    out.add(parse(certificate, "cert", "key"));
    if (certificate.text("cert_alt") != null && certificate.text("key_alt") != null) {
      out.add(parse(certificate, "cert_alt", "key_alt"));
    }
    return new CertificateKeys(certificate.id(), out);
  }

  /**
   * Parses one PEM certificate chain and its PEM key.
   *
   * @throws TlsException naming {@code what} when either does not parse
   */
  public static KeyedCertificate parse(String what, String certPem, String keyPem) {
    try {
      return new KeyedCertificate(Pem.certificates(certPem), Pem.privateKey(keyPem));
    } catch (PemException e) {
      throw new TlsException(what + ": " + e.getMessage(), e);
    }
  }

  private static KeyedCertificate parse(Entity certificate, String certField, String keyField) {
    String cert = certificate.text(certField);
    String key = certificate.text(keyField);
    if (cert == null || key == null) {
      throw new TlsException("certificate " + certificate.id() + " has no " + certField + "/" + keyField);
    }
    return parse("certificate " + certificate.id() + " " + certField + "/" + keyField, cert, key);
  }

  /** The first alternative that serves {@code keyType} ({@link KeyedCertificate#serves}). */
  public Optional<KeyedCertificate> choose(String keyType) {
    return alternatives.stream().filter(c -> c.serves(keyType)).findFirst();
  }
}
