package io.silverback.gateway.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Kong's self-signed default certificate ({@code gen_default_ssl_cert} in {@code
 * kong/cmd/utils/prefix_handler.lua}): RSA 2048 or ECDSA P-256, a random 128-bit serial, valid for
 * 20 years from now, subject and issuer {@code C=US, ST=California, L=San Francisco, O=Silverback,
 * OU=IT Department, CN=localhost}, not a CA (critical), for server and client authentication,
 * with a subject key identifier. Signed with SHA-256.
 */
final class SelfSigned {
  /** The two kinds Kong generates, the RSA one first. */
  enum Kind {
    RSA("RSA", "SHA256withRSA"),
    ECDSA("EC", "SHA256withECDSA");

    final String algorithm;
    final String signature;

    Kind(String algorithm, String signature) {
      this.algorithm = algorithm;
      this.signature = signature;
    }
  }

  static final Duration VALIDITY = Duration.ofDays(20L * 365);

  private SelfSigned() {}

  /**
   * A fresh key pair and its self-signed certificate.
   *
   * @throws TlsException when the JDK cannot generate or sign (it always can for these kinds)
   */
  static KeyedCertificate generate(Kind kind, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.algorithm);
      if (kind == Kind.ECDSA) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, "California").addRDN(BCStyle.L, "San Francisco")
          .addRDN(BCStyle.O, "Silverback").addRDN(BCStyle.OU, "IT Department").addRDN(BCStyle.CN, "localhost")
          .build();
      byte[] serial = new byte[16];
      new SecureRandom().nextBytes(serial);
      var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial), Date.from(now),
          Date.from(now.plus(VALIDITY)), name, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
      var signer = new JcaContentSignerBuilder(kind.signature).build(pair.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new KeyedCertificate(List.of(certificate), pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new TlsException("cannot generate the default " + kind + " certificate: " + e.getMessage(), e);
    }
  }
}
