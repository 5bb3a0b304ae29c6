package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedGcmTest {
  private static final int CHUNK = 1000;
  private static final int SEALED = CHUNK + ChunkedGcm.TAG;
  private static final int HEADER = ChunkedGcm.MAGIC.length + ChunkedGcm.SALT;

  @TempDir
  Path dir;
  private BundleKey key;

  @BeforeEach
  void key() throws IOException {
    Path file = dir.resolve("key");
    Files.write(file, new byte[32]);
    key = BundleKey.create(Secret.ofKeyFile(file), null);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7})
  void decryptsWhatItEncrypted(int size) throws IOException {
    byte[] plain = random(size);

    assertThat(decrypt(encrypt(plain, "a/b"), "a/b")).isEqualTo(plain);
  }

  @Test
  void failsAFileCutAtAChunkBoundary() throws IOException {
    byte[] sealed = encrypt(random(3 * CHUNK + 7), "a");

    assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, HEADER + 2 * SEALED), "a"))
        .hasMessageContaining("fails authentication at chunk 1 (the file is truncated, or was changed)");
  }

  @Test
  void failsAFileWhoseLastChunkIsDropped() throws IOException {
    byte[] sealed = encrypt(random(2 * CHUNK), "a");
    assertThat(sealed).hasSize(HEADER + 2 * SEALED);

    assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, HEADER + SEALED), "a"))
        .hasMessageContaining("fails authentication at chunk 0");
  }

  @Test
  void failsSwappedChunks() throws IOException {
    byte[] sealed = encrypt(random(3 * CHUNK), "a");
    byte[] swapped = sealed.clone();
    System.arraycopy(sealed, HEADER, swapped, HEADER + SEALED, SEALED);
    System.arraycopy(sealed, HEADER + SEALED, swapped, HEADER, SEALED);

    assertThatThrownBy(() -> decrypt(swapped, "a")).hasMessageContaining("fails authentication at chunk 0");
  }

  @Test
  void failsAFileReadUnderAnotherPath() throws IOException {
    byte[] sealed = encrypt(random(10), "database/a.dat");

    assertThatThrownBy(() -> decrypt(sealed, "database/b.dat")).hasMessageContaining("fails authentication");
  }

  @Test
  void neverRepeatsCiphertextForTheSameContent() throws IOException {
    byte[] plain = random(100);

    assertThat(encrypt(plain, "a")).isNotEqualTo(encrypt(plain, "a"));
  }

  private byte[] encrypt(byte[] plain, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EncryptingOutputStream enc = new EncryptingOutputStream(out, key, path, CHUNK)) {
      enc.write(plain, 0, Math.min(5, plain.length));
      if (plain.length > 5) {
        enc.write(plain, 5, plain.length - 5);
      }
    }
    return out.toByteArray();
  }

  private byte[] decrypt(byte[] sealed, String path) throws IOException {
    try (DecryptingInputStream in = new DecryptingInputStream(new ByteArrayInputStream(sealed), key, path, CHUNK)) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
