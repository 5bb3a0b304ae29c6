package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passphrases and keys live in arrays that are zeroed once the key is derived or the bundle closed. */
class SecretErasureTest {
  @TempDir
  Path dir;

  @Test
  void aPassphraseDerivesTheKeyBouncyCastlesOwnCharOverloadDerives() {
    char[] passphrase = "crème brûlée \uD83D\uDD11 key".toCharArray();
    byte[] ours = Bundles.CHEAP_KDF.derive(passphrase);

    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(new byte[16]).withMemoryAsKB(1024).withIterations(1).withParallelism(1).build());
    byte[] theirs = new byte[BundleKey.LENGTH];
    generator.generateBytes(passphrase, theirs);

    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  void aDestroyedSecretHoldsOnlyZerosAndTheBundleItOpenedStillReads() throws Exception {
    Secret writing = Secret.ofPassphrase("correct horse".toCharArray());
    Path path = Bundles.write(dir, writing, false).path();
    writing.destroy();
    assertThat(writing.passphrase()).containsOnly('\0');

    Secret reading = Secret.ofPassphrase("correct horse".toCharArray());
    try (Bundle bundle = Bundle.open(path, reading)) {
      reading.destroy();
      bundle.extract("database", dir.resolve("db"));
    }
    assertThat(reading.passphrase()).containsOnly('\0');
    assertThat(Files.readAllBytes(dir.resolve("db/toc.dat"))).isEqualTo(Bundles.dump());
  }

  @Test
  void aDestroyedBundleKeyNoLongerPassesItsKeyCheck() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("backup.key"), "  " + "00112233445566778899aabbccddeeff".repeat(2) + "\n");
    BundleKey key = BundleKey.create(Secret.ofKeyFile(keyFile), Bundles.CHEAP_KDF);
    String check = key.keyCheck();

    key.destroy();

    assertThat(key.keyCheck()).isNotEqualTo(check)
        .isEqualTo(BundleKey.create(Secret.ofKeyFile(Files.write(dir.resolve("zero.key"), new byte[32])), Bundles.CHEAP_KDF).keyCheck());
  }
}
