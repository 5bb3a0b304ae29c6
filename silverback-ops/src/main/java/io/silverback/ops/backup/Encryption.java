package io.silverback.ops.backup;

/**
 * How a bundle's files are encrypted, as the manifest records it (nothing secret).
 *
 * @param keySource {@code "passphrase"} or {@code "key_file"}
 * @param kdf the Argon2id parameters for a passphrase, or null for a key file
 * @param chunkSize plaintext bytes per authenticated chunk
 * @param keyCheck a MAC of a fixed text under the key: tells a wrong passphrase from a damaged file
 */
public record Encryption(String keySource, KdfParams kdf, int chunkSize, String keyCheck) {
  /** The cipher's name in the manifest. */
  public static final String CIPHER = "AES-256-GCM";
}
