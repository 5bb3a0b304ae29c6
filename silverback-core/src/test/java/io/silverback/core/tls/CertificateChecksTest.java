package io.silverback.core.tls;

import static io.silverback.core.tls.TlsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateChecksTest {
  private static final String BROKEN =
      "invalid certificate: x509.new: error:688010A:asn1 encoding routines:asn1_item_embed_d2i:"
          + "nested asn1 error:asn1/tasn_dec.c:349:";
  private static final String ENCRYPTED =
      "invalid key: pkey.new:load_key: encrypted private keys are not supported, provide the key "
          + "without a passphrase";

  @ParameterizedTest
  @ValueSource(
      strings = {"rsa.crt", "ec-p256.crt", "ec-p384.crt", "ed25519.crt", "ca.crt", "chain.crt"})
  void acceptsPemCertificates(String fixture) {
    assertThat(CertificateChecks.certificate(read(fixture))).isEmpty();
  }

  @Test
  void acceptsVaultReferencesWithoutParsingThem() {
    assertThat(CertificateChecks.certificate("{vault://env/cert}")).isEmpty();
  }

  @Test
  void reportsTextWithoutACertificateLikeOpenSsl() {
    assertThat(CertificateChecks.certificate("not a certificate"))
        .contains("invalid certificate: PEM_read_bio_X509_AUX() failed");
  }

  @Test
  void reportsAKeyGivenAsCertificateAsMissingCertificate() {
    assertThat(CertificateChecks.certificate(read("rsa-pkcs8.key")))
        .contains("invalid certificate: PEM_read_bio_X509_AUX() failed");
  }

  @Test
  void doesNotTakeTrustedCertificatesLikeOpenSslsPlainReader() {
    var trusted = read("rsa.crt").replace("CERTIFICATE", "TRUSTED CERTIFICATE");

    assertThat(CertificateChecks.certificate(trusted))
        .contains("invalid certificate: PEM_read_bio_X509_AUX() failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"corrupt.crt", "truncated.crt"})
  void reportsBrokenCertificateBlocksWithKongsAsn1Message(String fixture) {
    assertThat(CertificateChecks.certificate(read(fixture))).contains(BROKEN);
  }

  @Test
  void reportsAnEmptyCertificateBlockWithKongsAsn1Message() {
    assertThat(
            CertificateChecks.certificate(
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
        .contains(BROKEN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rsa-pkcs1.key", "rsa-pkcs8.key", "ec-p256-sec1.key", "ec-p256-pkcs8.key", "ed25519.key",
        "rsa-spki.pub", "rsa-pkcs1.pub", "ec-p256.pub", "ed25519.pub", "rsa.jwk.json",
        "ec-p256.jwk.json", "ed25519.jwk.json"
      })
  void acceptsEveryKeyOpenSslLoads(String fixture) {
    assertThat(CertificateChecks.key(read(fixture))).isEmpty();
  }

  @Test
  void acceptsAKeyThatFollowsItsCertificate() {
    assertThat(CertificateChecks.key(read("rsa.crt") + read("rsa-pkcs8.key"))).isEmpty();
  }

  @Test
  void acceptsKeyVaultReferencesWithoutParsingThem() {
    assertThat(CertificateChecks.key("{vault://aws/tls/key}")).isEmpty();
  }

  @Test
  void rejectsTextWithoutAKey() {
    assertThat(CertificateChecks.key("not a key"))
        .contains("invalid key: pkey.new:load_key: no PEM private or public key found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-encrypted-pkcs8.key", "rsa-encrypted-pkcs1.key"})
  void rejectsEncryptedKeysWithAClearReason(String fixture) {
    assertThat(CertificateChecks.key(read(fixture))).contains(ENCRYPTED);
  }

  @Test
  void rejectsATruncatedKey() {
    var truncated = read("rsa-pkcs8.key").lines().limit(5).reduce("", (a, b) -> a + b + "\n");

    assertThat(CertificateChecks.key(truncated))
        .contains("invalid key: pkey.new:load_key: BEGIN PRIVATE KEY without a matching END line");
  }

  @Test
  void rejectsAnEmptyKeyBlock() {
    assertThat(CertificateChecks.key("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"))
        .contains("invalid key: pkey.new:load_key: malformed DER: truncated header");
  }

  @Test
  void rejectsSymmetricJwksLikeOpenSsl() {
    assertThat(CertificateChecks.key(read("oct.jwk.json")))
        .contains("invalid key: pkey.new:load_key: not yet supported jwk type \"oct\"");
  }

  @ParameterizedTest
  @CsvSource({
    "rsa.crt, rsa-pkcs1.key",
    "rsa.crt, rsa-pkcs8.key",
    "rsa.crt, rsa-spki.pub",
    "rsa.crt, rsa.jwk.json",
    "ec-p256.crt, ec-p256-sec1.key",
    "ec-p256.crt, ec-p256-pkcs8.key",
    "ec-p256.crt, ec-p256.jwk.json",
    "ec-p384.crt, ec-p384-pkcs8.key",
    "ed25519.crt, ed25519.key",
    "ed25519.crt, ed25519.jwk.json",
  })
  void acceptsACertificateWithItsOwnKey(String cert, String key) {
    assertThat(CertificateChecks.certificateMatchesKey(read(cert), read(key))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "rsa.crt, rsa-other.key",
    "rsa.crt, rsa-other.pub",
    "rsa.crt, ec-p256-sec1.key",
    "ec-p256.crt, ec-p384-pkcs8.key",
    "ec-p256.crt, rsa-pkcs8.key",
    "ed25519.crt, ed25519-other.key",
  })
  void rejectsCertificateWhoseKeyBelongsToAnotherCertificate(String cert, String key) {
    assertThat(CertificateChecks.certificateMatchesKey(read(cert), read(key)))
        .contains("certificate does not match key");
  }

  @Test
  void leavesUnparseableValuesToTheFieldChecks() {
    assertThat(CertificateChecks.certificateMatchesKey("garbage", read("rsa-pkcs8.key"))).isEmpty();
    assertThat(CertificateChecks.certificateMatchesKey(read("rsa.crt"), "garbage")).isEmpty();
  }

  @Test
  void skipsTheMatchWhenEitherSideIsAVaultReference() {
    assertThat(CertificateChecks.certificateMatchesKey("{vault://env/cert}", read("rsa-other.key")))
        .isEmpty();
    assertThat(CertificateChecks.certificateMatchesKey(read("rsa.crt"), "{vault://env/key}"))
        .isEmpty();
  }

  @Test
  void checksTheAlternativePairWithItsOwnMessage() {
    assertThat(
            CertificateChecks.alternativeMatchesKey(read("ec-p256.crt"), read("ec-p256-sec1.key")))
        .isEmpty();
    assertThat(CertificateChecks.alternativeMatchesKey(read("ec-p256.crt"), read("rsa-pkcs1.key")))
        .contains("alternative certificate does not match key");
  }

  @Test
  void rejectsAlternativeCertificateOfTheSameKeyType() {
    assertThat(CertificateChecks.differentKeyTypes(read("rsa.crt"), read("rsa-other.crt")))
        .contains(
            "certificate and alternative certificate need to have different type (e.g. RSA and "
                + "ECDSA), the provided certificates were both of the same type");
  }

  @Test
  void treatsEcCurvesAsOneKeyTypeLikeOpenSsl() {
    assertThat(CertificateChecks.differentKeyTypes(read("ec-p256.crt"), read("ec-p384.crt")))
        .isPresent();
  }

  @ParameterizedTest
  @CsvSource({"rsa.crt, ec-p256.crt", "ec-p256.crt, ed25519.crt", "ed25519.crt, rsa.crt"})
  void acceptsAlternativeCertificateOfAnotherKeyType(String cert, String certAlt) {
    assertThat(CertificateChecks.differentKeyTypes(read(cert), read(certAlt))).isEmpty();
  }

  @Test
  void computesTheCertDigestAsLowercaseHexSha256OfTheDer() {
    // openssl x509 -in ca.crt -outform DER | sha256sum
    assertThat(CertificateChecks.sha256Digest(read("ca.crt")))
        .isEqualTo("dee3ffd68a191a58a7e3d138ddfcde8eac428887e95151e5de8b5f166c123c80");
  }

  @Test
  void refusesToDigestWhatIsNotACertificate() {
    assertThatThrownBy(() -> CertificateChecks.sha256Digest("garbage"))
        .isInstanceOf(PemException.class);
  }
}
