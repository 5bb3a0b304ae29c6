package io.silverback.core.tls;

import static io.silverback.core.tls.TlsFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void decodesEveryBlockInOrderAndIgnoresTextAround() {
    var blocks = Pem.blocks("leaf:\n" + read("chain.crt") + "trailing words\n");

    assertThat(blocks).extracting(Pem.Block::label).containsExactly("CERTIFICATE", "CERTIFICATE");
  }

  @Test
  void readsRfc1421HeadersOfLegacyEncryptedKeys() {
    var block = Pem.blocks(read("rsa-encrypted-pkcs1.key")).get(0);

    assertThat(block.headers()).containsEntry("Proc-Type", "4,ENCRYPTED");
    assertThat(block.headers()).containsKey("DEK-Info");
  }

  @Test
  void parsesACertificateChainLeafFirst() {
    var chain = Pem.certificates(read("chain.crt"));

    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=Silverback Test CA");
    assertThat(chain.get(1).getSubjectX500Principal().getName())
        .isEqualTo("CN=rsa.silverback.test");
  }

  @Test
  void acceptsWindowsLineEndingsAndTheOldX509CertificateLabel() {
    var pem = read("rsa.crt").replace("CERTIFICATE", "X509 CERTIFICATE").replace("\n", "\r\n");

    assertThat(Pem.certificate(pem).getSubjectX500Principal().getName())
        .isEqualTo("CN=rsa.silverback.test");
  }

  @Test
  void skipsOtherBlocksToFindTheFirstCertificate() {
    var pem = read("rsa-pkcs8.key") + read("ec-p256.crt") + read("rsa.crt");

    assertThat(Pem.certificate(pem).getSubjectX500Principal().getName())
        .isEqualTo("CN=ec.silverback.test");
  }

  @Test
  void wrapsPkcs1RsaPrivateKeysIntoTheSameKeyAsPkcs8() {
    var pkcs1 = (RSAPrivateCrtKey) Pem.privateKey(read("rsa-pkcs1.key"));
    var pkcs8 = (RSAPrivateCrtKey) Pem.privateKey(read("rsa-pkcs8.key"));

    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    assertThat(pkcs1.getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void wrapsSec1EcPrivateKeysWithTheCurveFromTheirParameters() {
    var sec1 = (ECPrivateKey) Pem.privateKey(read("ec-p256-sec1.key"));
    var pkcs8 = (ECPrivateKey) Pem.privateKey(read("ec-p256-pkcs8.key"));

    assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
    assertThat(sec1.getParams().getOrder().bitLength()).isEqualTo(256);
  }

  @Test
  void loadsEd25519PrivateKeys() {
    var key = (EdECPrivateKey) Pem.privateKey(read("ed25519.key"));

    assertThat(key.getParams().getName()).isEqualTo("Ed25519");
  }

  @Test
  void wrapsPkcs1RsaPublicKeysIntoTheSameKeyAsSubjectPublicKeyInfo() {
    var pkcs1 = (RSAPublicKey) Pem.publicKey(read("rsa-pkcs1.pub"));
    var spki = (RSAPublicKey) Pem.publicKey(read("rsa-spki.pub"));

    assertThat(pkcs1.getModulus()).isEqualTo(spki.getModulus());
    assertThat(pkcs1.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
  }

  @Test
  void loadsEcPublicKeys() {
    assertThat(Pem.publicKey(read("ec-p256.pub"))).isInstanceOf(ECPublicKey.class);
  }

  @Test
  void rejectsEncryptedPkcs8Keys() {
    assertThatThrownBy(() -> Pem.privateKey(read("rsa-encrypted-pkcs8.key")))
        .isInstanceOf(PemException.class)
        .hasMessage(
            "encrypted private keys are not supported, provide the key without a passphrase")
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.ENCRYPTED);
  }

  @Test
  void rejectsLegacyEncryptedKeys() {
    assertThatThrownBy(() -> Pem.privateKey(read("rsa-encrypted-pkcs1.key")))
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.ENCRYPTED);
  }

  @Test
  void reportsNoBlockForTextWithoutPem() {
    assertThatThrownBy(() -> Pem.certificate(read("garbage.txt")))
        .hasMessage("no CERTIFICATE block found")
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.NO_BLOCK);
  }

  @Test
  void doesNotTakeAPublicKeyForAPrivateOne() {
    assertThatThrownBy(() -> Pem.privateKey(read("rsa-spki.pub")))
        .hasMessage("no PRIVATE KEY block found");
  }

  @Test
  void rejectsABlockWithoutItsEndLine() {
    assertThatThrownBy(() -> Pem.certificate(read("truncated.crt")))
        .hasMessage("BEGIN CERTIFICATE without a matching END line")
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.MALFORMED);
  }

  @Test
  void rejectsABrokenBlockBeforeTheWantedOne() {
    var pem = read("truncated.crt") + "\n" + read("rsa-pkcs8.key");

    assertThatThrownBy(() -> Pem.privateKey(pem)).isInstanceOf(PemException.class);
  }

  @Test
  void rejectsBodiesThatAreNotBase64() {
    assertThatThrownBy(
            () -> Pem.blocks("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"))
        .hasMessage("invalid base64 in CERTIFICATE block");
  }

  @Test
  void rejectsCertificatesWhoseDerIsBroken() {
    assertThatThrownBy(() -> Pem.certificate(read("corrupt.crt")))
        .hasMessageStartingWith("malformed CERTIFICATE")
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.MALFORMED);
  }

  @Test
  void rejectsEcPrivateKeysWithoutCurveParameters() {
    var sec1 = Der.parse(Pem.blocks(read("ec-p256-sec1.key")).get(0).der());
    var withoutCurve =
        Der.sequence(sec1.child(0).encoded(), sec1.child(1).encoded(), sec1.child(3).encoded());
    var pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(withoutCurve)
            + "\n-----END EC PRIVATE KEY-----\n";

    assertThatThrownBy(() -> Pem.privateKey(pem))
        .hasMessage("EC PRIVATE KEY carries no curve parameters");
  }

  @Test
  void rejectsTraditionalKeyTypesItCannotWrap() {
    var pem = "-----BEGIN DSA PRIVATE KEY-----\nMAA=\n-----END DSA PRIVATE KEY-----\n";

    assertThatThrownBy(() -> Pem.privateKey(pem))
        .hasMessage("DSA PRIVATE KEY blocks are not supported")
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.UNSUPPORTED);
  }

  @Test
  void handsOutCopiesOfTheDecodedBytes() {
    var block = Pem.blocks(read("rsa.crt")).get(0);

    block.der()[0] = 0;

    assertThat(block.der()[0]).isEqualTo((byte) 0x30);
  }
}
