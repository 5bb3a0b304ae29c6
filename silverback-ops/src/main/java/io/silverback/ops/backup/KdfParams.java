package io.silverback.ops.backup;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id parameters, recorded in the manifest so a bundle can be opened whatever the defaults of
 * the Silverback that reads it.
 *
 * @param memoryKib memory cost in KiB
 * @param iterations time cost
 * @param parallelism lanes
 * @param salt 16 random bytes
 */
public record KdfParams(int memoryKib, int iterations, int parallelism, byte[] salt) {
  /** The algorithm's name in the manifest. */
  public static final String ALGORITHM = "argon2id";

  /** 64 MiB and 3 passes (RFC 9106's second recommended option), one lane: about 0.3 s here. */
  public static KdfParams recommended() {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new KdfParams(64 * 1024, 3, 1, salt);
  }

  /** The salt as Base64, for the manifest. */
  public String saltBase64() {
    return Base64.getEncoder().encodeToString(salt);
  }

  /** Derives the 32-byte key of {@code passphrase}. */
  byte[] derive(char[] passphrase) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] key = new byte[BundleKey.LENGTH];
    generator.generateBytes(passphrase, key);
    return key;
  }
}
