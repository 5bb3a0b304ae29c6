package io.silverback.ops.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte key a bundle is encrypted under, and the keys derived from it (HMAC-SHA256 with a
 * label, so the same key never serves two purposes): one key per stored file, the key check and
 * the manifest's MAC. The key bytes, a key file's contents and a passphrase's encoding are zeroed
 * once used ({@link #destroy} when the bundle or writer closes).
 */
final class BundleKey {
  static final int LENGTH = 32;
  private static final String KEY_CHECK = "silverback backup key check v1";

  private final byte[] key;

  private BundleKey(byte[] key) {
    this.key = key;
  }

  /** A key for a new bundle encrypted with {@code secret}, and the manifest's record of it. */
  static BundleKey create(Secret secret, KdfParams kdf) {
    return new BundleKey(secret.passphrase() != null ? kdf.derive(secret.passphrase()) : readKeyFile(secret));
  }

  /**
   * The key of an existing bundle.
   *
   * @throws BackupException naming the bundle when the secret does not match its key check
   */
  static BundleKey open(Secret secret, Encryption encryption, String bundle) {
    boolean passphrase = "passphrase".equals(encryption.keySource());
    if (passphrase != (secret.passphrase() != null)) {
      throw new BackupException("bundle " + bundle + " is encrypted with a " + (passphrase ? "passphrase" : "key file")
          + ": give " + (passphrase ? "its passphrase (SILVERBACK_BACKUP_PASSPHRASE or the prompt)" : "--key-file"));
    }
    BundleKey key = new BundleKey(passphrase ? encryption.kdf().derive(secret.passphrase()) : readKeyFile(secret));
    if (!MessageDigest.isEqual(key.keyCheck().getBytes(StandardCharsets.US_ASCII),
        encryption.keyCheck().getBytes(StandardCharsets.US_ASCII))) {
      throw new BackupException("bundle " + bundle + ": wrong " + (passphrase ? "passphrase" : "key file " + secret.keyFile())
          + " (the key does not match the one the bundle was encrypted with)");
    }
    return key;
  }

  Encryption describe(Secret secret, KdfParams kdf, int chunkSize) {
    boolean passphrase = secret.passphrase() != null;
    return new Encryption(passphrase ? "passphrase" : "key_file", passphrase ? kdf : null, chunkSize, keyCheck());
  }

  /** Zeroes the key; the bundle or writer that held it is closed. */
  void destroy() {
    Arrays.fill(key, (byte) 0);
  }

  String keyCheck() {
    return HexFormat.of().formatHex(mac(KEY_CHECK.getBytes(StandardCharsets.UTF_8)));
  }

  /** The MAC of the manifest's bytes, so a changed manifest of an encrypted bundle is detected. */
  String manifestMac(byte[] manifest) {
    return HexFormat.of().formatHex(Mac256.of(mac("manifest".getBytes(StandardCharsets.UTF_8))).apply(manifest));
  }

  /** The key of one stored file: bound to its random salt and its path in the bundle. */
  byte[] fileKey(byte[] salt, String path) {
    byte[] label = ("file\0" + path).getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[salt.length + label.length];
    System.arraycopy(salt, 0, input, 0, salt.length);
    System.arraycopy(label, 0, input, salt.length, label.length);
    return mac(input);
  }

  private byte[] mac(byte[] input) {
    return Mac256.of(key).apply(input);
  }

  private static byte[] readKeyFile(Secret secret) {
    try {
      byte[] bytes = Files.readAllBytes(secret.keyFile());
      if (bytes.length == LENGTH) {
        return bytes;
      }
      CharBuffer text = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
      int length = bytes.length;
      Arrays.fill(bytes, (byte) 0);
      try {
        return hexKey(text).orElseThrow(() -> new BackupException("key file " + secret.keyFile() + " must hold 32"
            + " bytes, raw or as 64 hexadecimal characters (e.g. made with 'openssl rand -out FILE 32'); it holds "
            + length + " bytes"));
      } finally {
        Arrays.fill(text.array(), '\0');
      }
    } catch (IOException e) {
      throw new BackupException("cannot read key file " + secret.keyFile() + ": " + e, e);
    }
  }

  /** 64 hexadecimal characters, surrounded by white space or not, as 32 bytes; no {@code String} made of them. */
  private static Optional<byte[]> hexKey(CharBuffer text) {
    int start = 0;
    int end = text.limit();
    while (start < end && Character.isWhitespace(text.get(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.get(end - 1))) {
      end--;
    }
    if (end - start != 2 * LENGTH) {
      return Optional.empty();
    }
    byte[] key = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int hi = Character.digit(text.get(start + 2 * i), 16);
      int lo = Character.digit(text.get(start + 2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        Arrays.fill(key, (byte) 0);
        return Optional.empty();
      }
      key[i] = (byte) (hi << 4 | lo);
    }
    return Optional.of(key);
  }

  /** HMAC-SHA256 under one key. */
  private record Mac256(byte[] key) {
    static Mac256 of(byte[] key) {
      return new Mac256(key);
    }

    byte[] apply(byte[] input) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
      }
    }
  }
}
