package io.silverback.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.NodeConf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's default certificate: generated once into the prefix as Kong's, or from the settings. */
class DefaultCertificateTest {
  @TempDir
  Path prefix;

  private NodeConf conf(Map<String, String> flags) {
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }

  @Test
  void generatesKongsSelfSignedRsaAndEcdsaPairWithOwnerOnlyKeysAndReusesThem() throws Exception {
    CertificateKeys first = DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of()), prefix);
    Path ssl = prefix.resolve("ssl");
    assertThat(first.alternatives()).extracting(c -> c.key().getAlgorithm()).containsExactly("RSA", "EC");
    var leaf = first.alternatives().get(0).leaf();
    assertThat(leaf.getSubjectX500Principal().getName())
        .isEqualTo("CN=localhost,OU=IT Department,O=Silverback,L=San Francisco,ST=California,C=US");
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.getNotAfter().toInstant()).isAfter(Instant.now().plus(SelfSigned.VALIDITY).minusSeconds(3600));
    for (String key : new String[] {"silverback-default.key", "silverback-default-ecdsa.key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssl.resolve(key)))).isEqualTo("rw-------");
    }
    assertThat(ssl.resolve("silverback-default.crt")).isRegularFile();

    CertificateKeys again = DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of()), prefix);
    assertThat(again.alternatives().get(0).leaf()).isEqualTo(leaf);
    assertThat(again.alternatives().get(1).leaf()).isEqualTo(first.alternatives().get(1).leaf());
    assertThat(again.alternatives().get(0).key()).isEqualTo(first.alternatives().get(0).key());
  }

  @Test
  void sslCertSettingsOverrideTheGeneratedPairInAnyOfKongsThreeForms() throws Exception {
    TestPki.Issued rsa = TestPki.selfSigned("from-settings", false);
    TestPki.Issued ec = TestPki.selfSigned("from-settings-ec", true);
    Path certFile = Files.writeString(prefix.resolve("my.crt"), rsa.certPem());
    String base64Key = Base64.getEncoder().encodeToString(rsa.keyPem().getBytes(StandardCharsets.US_ASCII));
    CertificateKeys keys = DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of(
        "ssl_cert", certFile + "," + ec.certPem(),
        "ssl_cert_key", base64Key + "," + ec.keyPem())), prefix);
    assertThat(keys.alternatives()).extracting(c -> Handshakes.cn(c.leaf()))
        .containsExactly("from-settings", "from-settings-ec");
    assertThat(prefix.resolve("ssl")).doesNotExist();
  }

  @Test
  void refusesCertificatesWithoutAKeyEachAndHalfAGeneratedPair() throws Exception {
    TestPki.Issued rsa = TestPki.selfSigned("lonely", false);
    assertThatThrownBy(() -> DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of("ssl_cert", rsa.certPem())), prefix))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith("ssl_cert has 1 entries but ssl_cert_key has 0");
    assertThatThrownBy(() -> DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of("ssl_cert", rsa.certPem(),
        "ssl_cert_key", "not-a-key-and-no-such-file")), prefix))
        .hasMessage("ssl_cert_key entry 1 is neither an existing file, PEM text nor base64 of PEM text");

    DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of()), prefix);
    Files.delete(prefix.resolve("ssl/silverback-default-ecdsa.crt"));
    assertThatThrownBy(() -> DefaultCertificate.load(DefaultCertificate.Target.PROXY, conf(Map.of()), prefix))
        .isInstanceOf(TlsException.class)
        .hasMessageContaining("silverback-default-ecdsa.key exists but");
  }
}
