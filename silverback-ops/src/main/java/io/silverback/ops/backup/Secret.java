package io.silverback.ops.backup;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a bundle is encrypted with: a passphrase (the key is derived with Argon2id) or a file
 * holding a 32-byte key (raw, or 64 hexadecimal characters). Exactly one of the two is set.
 *
 * @param passphrase the passphrase, or null
 * @param keyFile the key file, or null
 */
public record Secret(char[] passphrase, Path keyFile) {
  /**
   * Checks that exactly one of the two is given.
   *
   * @throws IllegalArgumentException when both or neither are set, or the passphrase is empty
   */
  public Secret {
    if ((passphrase == null) == (keyFile == null)) {
      throw new IllegalArgumentException("a backup secret is either a passphrase or a key file, not "
          + (passphrase == null ? "neither" : "both"));
    }
    if (passphrase != null && passphrase.length == 0) {
      throw new IllegalArgumentException("the backup passphrase is empty");
    }
  }

  /** A passphrase secret. */
  public static Secret ofPassphrase(char[] passphrase) {
    return new Secret(passphrase, null);
  }

  /** A key-file secret. */
  public static Secret ofKeyFile(Path keyFile) {
    return new Secret(null, keyFile);
  }

  /**
   * Zeroes the passphrase. Call it once every bundle this secret opens or writes has derived its key
   * ({@link Bundle#open}, {@link BundleWriter#start} return); the keys are zeroed when those close.
   */
  public void destroy() {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
  }

  /** Never shows the passphrase. */
  @Override
  public String toString() {
    return passphrase != null ? "Secret[passphrase]" : "Secret[keyFile=" + keyFile + "]";
  }
}
