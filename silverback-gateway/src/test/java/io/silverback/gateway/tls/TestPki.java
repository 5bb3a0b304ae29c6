package io.silverback.gateway.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the TLS tests, issued on the fly: CAs, intermediates and leaves with DNS names,
 * ECDSA P-256 unless a test needs RSA (RSA key generation takes up to a second each).
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A certificate with its key and the chain above it (leaf first, without the root). */
  record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
    String certPem() {
      StringBuilder out = new StringBuilder();
      chain.forEach(c -> out.append(PemText.certificate(c)));
      return out.toString();
    }

    String leafPem() {
      return PemText.certificate(certificate);
    }

    String keyPem() {
      return PemText.privateKey(key);
    }

    String subject() {
      return certificate.getSubjectX500Principal().getName();
    }
  }

  private TestPki() {}

  static Issued ca(String cn) {
    return sign(cn, keys(true), null, true, List.of());
  }

  static Issued intermediate(String cn, Issued issuer) {
    return sign(cn, keys(true), issuer, true, List.of());
  }

  static Issued leaf(String cn, Issued issuer, String... dnsNames) {
    return sign(cn, keys(true), issuer, false, List.of(dnsNames));
  }

  static Issued selfSigned(String cn, boolean ecdsa, String... dnsNames) {
    return sign(cn, keys(ecdsa), null, false, List.of(dnsNames));
  }

  private static KeyPair keys(boolean ecdsa) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ecdsa ? "EC" : "RSA");
      if (ecdsa) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued sign(String cn, KeyPair pair, Issued issuer, boolean ca, List<String> dnsNames) {
    try {
      X500Name subject = new X500Name("CN=" + cn);
      X500Name issuerName = issuer == null ? subject
          : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
      Instant now = Instant.now().minus(Duration.ofMinutes(5));
      var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now), Date.from(now.plus(Duration.ofDays(2))), subject, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      if (!dnsNames.isEmpty()) {
        GeneralName[] names = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
            .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      String algorithm = signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(certificate);
      if (issuer != null && !isRoot(issuer)) {
        chain.addAll(issuer.chain());
      }
      return new Issued(certificate, pair.getPrivate(), chain);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot(Issued issued) {
    return issued.certificate().getSubjectX500Principal().equals(issued.certificate().getIssuerX500Principal());
  }
}
