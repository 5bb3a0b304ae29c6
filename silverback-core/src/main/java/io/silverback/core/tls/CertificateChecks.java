package io.silverback.core.tls;

import io.silverback.core.schema.VaultReference;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate validations of Kong's schemas: the {@code certificate} and {@code key} typedefs
 * (kong/db/schema/typedefs.lua), the entity checks of {@code certificates} and {@code
 * ca_certificates}, and the {@code cert_digest} of the latter. Each check returns Kong's message,
 * or empty when the value is valid.
 *
 * <p>Like Kong, the entity checks assume the field checks passed: given a value that does not
 * parse, they return empty and leave the complaint to {@link #certificate} or {@link #key}.
 */
public final class CertificateChecks {
  /** What Kong (lua-resty-openssl on OpenSSL 3) reports for a CERTIFICATE block that is broken. */
  static final String BROKEN_CERTIFICATE =
      "x509.new: error:688010A:asn1 encoding routines:asn1_item_embed_d2i:nested asn1 error:"
          + "asn1/tasn_dec.c:349:";

  /**
   * What OpenSSL's PEM reader (and so ngx.ssl) reports when the text holds no certificate block.
   * Kong 3's lua-resty-openssl would go on to try the text as DER and print that attempt's ASN.1
   * error instead; this familiar, stable text is used in its place.
   */
  static final String NO_CERTIFICATE = "PEM_read_bio_X509_AUX() failed";

  private static final String CERT_TAG = "-----BEGIN CERTIFICATE-----";

  private CertificateChecks() {}

  /**
   * The {@code certificate} typedef: the first certificate of the PEM text must parse.
   *
   * @param pem the field value; vault references are accepted unparsed
   * @return {@code invalid certificate: <reason>}, or empty
   */
  public static Optional<String> certificate(String pem) {
    if (VaultReference.is(pem)) {
      return Optional.empty();
    }
    try {
      Pem.certificate(pem);
      return Optional.empty();
    } catch (PemException e) {
      return Optional.of(invalidCertificate(e));
    }
  }

  /**
   * The {@code key} typedef: a PEM private key, PEM public key or JWK, as OpenSSL loads them.
   *
   * @param pem the field value; vault references are accepted unparsed
   * @return {@code invalid key: <reason>}, or empty
   */
  public static Optional<String> key(String pem) {
    if (VaultReference.is(pem)) {
      return Optional.empty();
    }
    try {
      KeyLoader.load(pem);
      return Optional.empty();
    } catch (PemException e) {
      return Optional.of("invalid key: " + KeyLoader.reason(e));
    }
  }

  /**
   * The {@code certificates} check on {@code cert} and {@code key}.
   *
   * @return {@code certificate does not match key}, or empty (also when either value is a vault
   *     reference or does not parse)
   */
  public static Optional<String> certificateMatchesKey(String cert, String key) {
    return mismatch(cert, key, "certificate does not match key");
  }

  /**
   * The {@code certificates} check on {@code cert_alt} and {@code key_alt}; call it when both are
   * set.
   *
   * @return {@code alternative certificate does not match key}, or empty (also when either value is
   *     a vault reference or does not parse)
   */
  public static Optional<String> alternativeMatchesKey(String certAlt, String keyAlt) {
    return mismatch(certAlt, keyAlt, "alternative certificate does not match key");
  }

  /**
   * The {@code certificates} check that {@code cert} and {@code cert_alt} hold keys of different
   * types (RSA, RSA-PSS, EC, Ed25519, ...); call it when both are set.
   *
   * @return Kong's "need to have different type" message, or empty
   */
  public static Optional<String> differentKeyTypes(String cert, String certAlt) {
    if (VaultReference.is(cert) || VaultReference.is(certAlt)) {
      return Optional.empty();
    }
    var first = parse(cert);
    var second = parse(certAlt);
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    if (KeyPairs.algorithmOid(first.get().getPublicKey())
        .equals(KeyPairs.algorithmOid(second.get().getPublicKey()))) {
      return Optional.of(
          "certificate and alternative certificate need to have different type (e.g. RSA and "
              + "ECDSA), the provided certificates were both of the same type");
    }
    return Optional.empty();
  }

  /**
   * Everything Kong checks on a {@code ca_certificates.cert}: that it parses, holds only one
   * certificate, has not expired at {@code now} and is a CA. The field is not referenceable in
   * Kong, so a vault reference is reported as an invalid certificate.
   *
   * @param pem the field value
   * @param now the current time ({@code ngx.time()} in Kong), compared in whole seconds
   * @return the first failure's message, or empty
   */
  public static Optional<String> caCertificate(String pem, Instant now) {
    Objects.requireNonNull(now, "now");
    X509Certificate cert;
    try {
      cert = Pem.certificate(pem);
    } catch (PemException e) {
      return Optional.of(invalidCertificate(e));
    }
    var seen = pem.indexOf(CERT_TAG);
    if (seen >= 0 && pem.indexOf(CERT_TAG, seen + CERT_TAG.length() + 1) >= 0) {
      return Optional.of("please submit only one certificate at a time");
    }
    if (cert.getNotAfter().toInstant().getEpochSecond() < now.getEpochSecond()) {
      return Optional.of("certificate expired, \"Not After\" time is in the past");
    }
    if (cert.getBasicConstraints() < 0) {
      return Optional.of(
          "certificate does not appear to be a CA because it is missing the \"CA\" basic"
              + " constraint");
    }
    return Optional.empty();
  }

  /**
   * The {@code cert_digest} Kong stores for a CA certificate: the lowercase hex SHA-256 of the
   * first certificate's DER encoding.
   *
   * @throws PemException if {@code pem} holds no parseable certificate
   */
  public static String sha256Digest(String pem) {
    try {
      var der = Pem.certificate(pem).getEncoded();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (CertificateEncodingException e) {
      throw new PemException(PemException.Problem.MALFORMED, "cannot encode certificate", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static Optional<String> mismatch(String cert, String key, String message) {
    if (VaultReference.is(cert) || VaultReference.is(key)) {
      return Optional.empty();
    }
    var certificate = parse(cert);
    if (certificate.isEmpty()) {
      return Optional.empty();
    }
    Key loaded;
    try {
      loaded = KeyLoader.load(key);
    } catch (PemException e) {
      return Optional.empty();
    }
    if (KeyPairs.matches(certificate.get().getPublicKey(), loaded)) {
      return Optional.empty();
    }
    return Optional.of(message);
  }

  private static Optional<X509Certificate> parse(String pem) {
    try {
      return Optional.of(Pem.certificate(pem));
    } catch (PemException e) {
      return Optional.empty();
    }
  }

  private static String invalidCertificate(PemException failure) {
    var noBlock = failure.problem() == PemException.Problem.NO_BLOCK;
    return "invalid certificate: " + (noBlock ? NO_CERTIFICATE : BROKEN_CERTIFICATE);
  }
}
