package io.silverback.ops.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream in chunks, so a dump of any size is encrypted and checked without
 * holding it in memory. The design is the STREAM construction (Hoang, Reyhanitabar, Rogaway,
 * Vizár, "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", 2015), as age
 * and Tink's streaming AEAD use it:
 * <pre>
 * file  = "SBE1" salt(16) chunk* final-chunk
 * chunk = AES-GCM(fileKey, nonce = counter(8) 0 0 0 last(1), aad = path, plaintext) with a 16-byte tag
 * </pre>
 * Each file has its own key (derived from the bundle key, a random salt and the file's path), so
 * nonces never repeat across files and a file moved to another path fails. The counter in the nonce
 * authenticates chunk order, and the {@code last} flag the end: a file cut at a chunk boundary
 * fails, because its new last chunk was sealed as not-last. Every chunk but the last holds exactly
 * {@code chunkSize} plaintext bytes.
 */
final class ChunkedGcm {
  static final byte[] MAGIC = "SBE1".getBytes(StandardCharsets.US_ASCII);
  static final int SALT = 16;
  static final int TAG = 16;

  private final SecretKeySpec key;
  private final byte[] aad;

  ChunkedGcm(byte[] fileKey, String path) {
    this.key = new SecretKeySpec(fileKey, "AES");
    Arrays.fill(fileKey, (byte) 0);
    this.aad = path.getBytes(StandardCharsets.UTF_8);
  }

  /** Seals one chunk into {@code out} (which has room for {@code length + TAG}); returns the bytes written. */
  int seal(long counter, boolean last, byte[] in, int length, byte[] out) {
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, counter, last);
      return cipher.doFinal(in, 0, length, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to encrypt", e);
    }
  }

  /**
   * Opens one chunk; returns the plaintext length.
   *
   * @throws AEADBadTagException when the chunk, its position or its last flag is not what was sealed
   */
  int open(long counter, boolean last, byte[] in, int length, byte[] out) throws AEADBadTagException {
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, counter, last);
      return cipher.doFinal(in, 0, length, out, 0);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to decrypt", e);
    }
  }

  private Cipher cipher(int mode, long counter, boolean last) throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(counter).put(11, (byte) (last ? 1 : 0)).array();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }
}
