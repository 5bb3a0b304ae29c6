package io.silverback.ops.backup;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
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

  /**
   * Derives the 32-byte key of {@code passphrase}. Its UTF-8 bytes (what Bouncy Castle's own {@code
   * char[]} overload would make and leave behind) are zeroed as soon as the key is derived; the
   * passphrase itself is the caller's to zero ({@link Secret#destroy}).
   */
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
    byte[] utf8 = utf8(passphrase);
    try {
      generator.generateBytes(utf8, key);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    return key;
  }

  /** The UTF-8 bytes of {@code chars}, with no copy left in a {@code String} or an encoder's buffer. */
  private static byte[] utf8(char[] chars) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
