package io.silverback.core.tls;

import static io.silverback.core.tls.TlsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaCertificateChecksTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  /** The Not After of expired-ca.crt. */
  private static final Instant EXPIRY = Instant.parse("2020-01-01T00:00:00Z");

  @Test
  void acceptsASelfSignedCa() {
    assertThat(CertificateChecks.caCertificate(read("ca.crt"), NOW)).isEmpty();
  }

  @Test
  void rejectsMoreThanOneCertificate() {
    assertThat(CertificateChecks.caCertificate(read("chain.crt"), NOW))
        .contains("please submit only one certificate at a time");
  }

  @Test
  void rejectsACertificatePastItsNotAfterTime() {
    assertThat(CertificateChecks.caCertificate(read("expired-ca.crt"), NOW))
        .contains("certificate expired, \"Not After\" time is in the past");
  }

  @Test
  void acceptsACertificateUpToTheSecondOfItsNotAfterTime() {
    assertThat(CertificateChecks.caCertificate(read("expired-ca.crt"), EXPIRY)).isEmpty();
    assertThat(CertificateChecks.caCertificate(read("expired-ca.crt"), EXPIRY.plusSeconds(1)))
        .isPresent();
  }

  @Test
  void rejectsALeafWithoutBasicConstraints() {
    assertThat(CertificateChecks.caCertificate(read("rsa.crt"), NOW))
        .contains(
            "certificate does not appear to be a CA because it is missing the \"CA\" basic"
                + " constraint");
  }

  @Test
  void rejectsALeafWhoseBasicConstraintsSayNotACa() {
    assertThat(CertificateChecks.caCertificate(read("not-a-ca.crt"), NOW))
        .contains(
            "certificate does not appear to be a CA because it is missing the \"CA\" basic"
                + " constraint");
  }

  @Test
  void rejectsVaultReferencesBecauseTheFieldIsNotReferenceable() {
    assertThat(CertificateChecks.caCertificate("{vault://env/ca}", NOW))
        .contains("invalid certificate: PEM_read_bio_X509_AUX() failed");
  }

  @Test
  void reportsAnUnparseableCertificateBeforeCountingBlocks() {
    assertThat(CertificateChecks.caCertificate(read("corrupt.crt") + read("ca.crt"), NOW))
        .hasValueSatisfying(
            message -> assertThat(message).startsWith("invalid certificate: x509.new:"));
  }
}
