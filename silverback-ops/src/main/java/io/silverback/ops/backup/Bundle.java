package io.silverback.ops.backup;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A bundle on disk (a directory or a {@code .sbk} archive), opened for reading. Opening reads and
 * checks the manifest (its format, and for an encrypted bundle the key and the manifest's MAC);
 * {@link #verify} and {@link #extract} check every file's SHA-256 and, when encrypted, every chunk's
 * GCM tag. An encrypted bundle opened without its secret can be listed and its checksums verified,
 * but not extracted.
 */
public final class Bundle implements AutoCloseable {
  private final Path path;
  private final BundleFiles files;
  private final ManifestFile manifest;
  private final BundleKey key;

  private Bundle(Path path, BundleFiles files, ManifestFile manifest, BundleKey key) {
    this.path = path;
    this.files = files;
    this.manifest = manifest;
    this.key = key;
  }

  /**
   * Opens a bundle.
   *
   * @param secret the passphrase or key file of an encrypted bundle, or null
   * @throws BackupException naming the bundle when it is not a finished bundle, has a newer format
   *     (both versions named), the secret is wrong, or the manifest was changed
   */
  public static Bundle open(Path path, Secret secret) {
    String name = path.getFileName().toString();
    if (name.startsWith(".") && name.endsWith(Layout.PARTIAL)) {
      throw new BackupException("bundle " + path + " is unfinished (a backup was interrupted while writing it)");
    }
    if (!Files.exists(path)) {
      throw new BackupException("bundle " + path + " does not exist");
    }
    BundleFiles files;
    try {
      files = BundleFiles.of(path);
    } catch (IOException e) {
      throw new BackupException("bundle " + path + " is not a bundle directory or a readable .sbk archive: " + e.getMessage(), e);
    }
    try {
      ManifestFile manifest = ManifestJson.read(readSmall(files, path, ManifestFile.NAME), path.toString());
      manifest.manifest().sha256().keySet().forEach(Layout::checkRelative);
      BundleKey key = secret != null && manifest.manifest().encrypted() ? unlock(files, path, manifest, secret) : null;
      return new Bundle(path, files, manifest, key);
    } catch (RuntimeException e) {
      closeQuietly(files);
      throw e instanceof BackupException ? e : new BackupException("bundle " + path + ": " + e.getMessage(), e);
    }
  }

  private static BundleKey unlock(BundleFiles files, Path path, ManifestFile manifest, Secret secret) {
    if (manifest.encryption() == null) {
      throw new BackupException("bundle " + path + " says it is encrypted but its manifest has no encryption section");
    }
    BundleKey key = BundleKey.open(secret, manifest.encryption(), path.toString());
    String mac = new String(readSmall(files, path, ManifestFile.MAC), StandardCharsets.US_ASCII).strip();
    String expected = key.manifestMac(readSmall(files, path, ManifestFile.NAME));
    if (!MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
      throw new BackupException("bundle " + path + ": " + ManifestFile.NAME + " was changed after the bundle was written"
          + " (its MAC in " + ManifestFile.MAC + " does not match)");
    }
    return key;
  }

  private static byte[] readSmall(BundleFiles files, Path path, String name) {
    try (InputStream in = files.open(name)) {
      return in.readNBytes(16 << 20);
    } catch (NoSuchFileException e) {
      throw new BackupException("bundle " + path + " has no " + name + " (not a bundle, or an unfinished one)");
    } catch (IOException e) {
      throw new BackupException("bundle " + path + ": cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** The bundle's path. */
  public Path path() {
    return path;
  }

  /** What the manifest says. */
  public Manifest manifest() {
    return manifest.manifest();
  }

  /** The whole manifest: encryption parameters, dump details and notes as well. */
  public ManifestFile manifestFile() {
    return manifest;
  }

  /** How the dump was made, when the bundle has one. */
  public Optional<DumpDetails> dump() {
    return Optional.ofNullable(manifest.dump());
  }

  /**
   * Checks every file's SHA-256 and, when the bundle is encrypted and was opened with its secret,
   * every chunk's GCM tag and the zstd checksums; also that no file is missing or unlisted.
   *
   * @throws BackupException naming the bundle and the first file that fails
   */
  public void verify() {
    for (String stored : manifest.manifest().sha256().keySet().stream().sorted().toList()) {
      check(stored, OutputStream.nullOutputStream());
    }
    requireListed();
  }

  /**
   * Checks every file's SHA-256 and that no file is missing or unlisted, without decrypting or
   * decompressing: for a reader that goes on to {@link #extract} the files it needs, which checks
   * the GCM tags and zstd checksums as it decodes (half the work of {@link #verify} then extract).
   *
   * @throws BackupException naming the bundle and the first file that fails
   */
  public void verifyDigests() {
    verifyDigests(stored -> true);
  }

  /**
   * As {@link #verifyDigests()}, for the files outside {@code section} only: for a reader that
   * streams that section through {@link #read} (which checks each file as it decodes it) while
   * this runs beside it.
   *
   * @throws BackupException naming the bundle and the first file that fails
   */
  public void verifyDigestsOutside(String section) {
    verifyDigests(stored -> !stored.startsWith(section + "/"));
  }

  private void verifyDigests(Predicate<String> which) {
    for (String stored : manifest.manifest().sha256().keySet().stream().filter(which).sorted().toList()) {
      check(stored, null);
    }
    requireListed();
  }

  /** The files of {@code section}, as paths within it (e.g. {@code tables/consumers.copy}), sorted. */
  public List<String> files(String section) {
    return manifest.manifest().sha256().keySet().stream().filter(p -> p.startsWith(section + "/"))
        .map(p -> Layout.original(p, section)).sorted().toList();
  }

  private void requireListed() {
    try {
      for (String present : files.paths()) {
        if (!present.equals(ManifestFile.NAME) && !present.equals(ManifestFile.MAC)
            && !manifest.manifest().sha256().containsKey(present)) {
          throw new BackupException("bundle " + path + ": file " + present + " is not in the manifest");
        }
      }
    } catch (IOException e) {
      throw new BackupException("bundle " + path + ": cannot list its files: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts and decompresses one section into {@code emptyDir} (created when missing), checking
   * every file as it goes.
   *
   * @param section {@code "database"}, {@code "declarative"}, {@code "keyring"} or {@code "prefix"}
   * @throws BackupException when the section is unknown or absent, the directory is not empty, the
   *     bundle is encrypted and was opened without its secret, or a file fails its checks
   */
  public void extract(String section, Path emptyDir) {
    if (!Layout.SECTIONS.contains(section)) {
      throw new BackupException("bundle " + path + ": no section '" + section + "'; sections are " + Layout.SECTIONS);
    }
    if (manifest.manifest().encrypted() && key == null) {
      throw new BackupException("bundle " + path + " is encrypted: give its passphrase or key file to read it");
    }
    List<String> stored = manifest.manifest().sha256().keySet().stream().filter(p -> p.startsWith(section + "/")).sorted().toList();
    if (stored.isEmpty()) {
      throw new BackupException("bundle " + path + " holds no " + section + " section");
    }
    requireEmpty(emptyDir);
    for (String file : stored) {
      Path target = emptyDir.resolve(Layout.original(file, section));
      try {
        Durable.createDirectory(target.getParent());
        try (FileChannel ch = Durable.createFile(target)) {
          check(file, Channels.newOutputStream(ch));
          ch.force(true);
        }
      } catch (IOException e) {
        throw new BackupException("bundle " + path + ": cannot write " + target + " from " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Decodes the file {@code relative} of {@code section} into {@code sink} as it is read,
   * checking its SHA-256 and, when encrypted, every chunk's GCM tag, and the zstd checksum. The
   * checks complete only when this returns: a caller keeps what it wrote to {@code sink}
   * uncommitted until then.
   *
   * @param relative the file's path within the section, e.g. {@code tables/consumers.copy}
   * @throws BackupException when the section holds no such file, the bundle is encrypted and was
   *     opened without its secret, or the file fails its checks
   * @throws RuntimeException what {@code sink} throws, unchanged
   */
  public void read(String section, String relative, OutputStream sink) {
    if (manifest.manifest().encrypted() && key == null) {
      throw new BackupException("bundle " + path + " is encrypted: give its passphrase or key file to read it");
    }
    String stored = Layout.stored(section, Layout.checkRelative(relative), manifest.manifest().encrypted());
    if (!manifest.manifest().sha256().containsKey(stored)) {
      throw new BackupException("bundle " + path + " holds no file " + relative + " in its " + section + " section");
    }
    check(stored, sink);
  }

  private void requireEmpty(Path dir) {
    try {
      Durable.createDirectory(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new BackupException("cannot extract bundle " + path + " into " + dir + ": the directory is not empty");
        }
      }
    } catch (IOException e) {
      throw new BackupException("cannot extract bundle " + path + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads one stored file into {@code sink} (decoded when possible; only hashed when {@code sink} is null) and checks it. */
  private void check(String stored, OutputStream sink) {
    MessageDigest digest = sha256();
    String failure = null;
    try (InputStream raw = files.open(stored); DigestInputStream in = new DigestInputStream(raw, digest)) {
      failure = sink == null ? null : decode(stored, in, sink);
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      throw new BackupException("bundle " + path + ": file " + stored + " is missing");
    } catch (IOException e) {
      throw new BackupException("bundle " + path + ": cannot read file " + stored + ": " + e.getMessage(), e);
    }
    String found = HexFormat.of().formatHex(digest.digest());
    String expected = manifest.manifest().sha256().get(stored);
    if (!found.equalsIgnoreCase(expected)) {
      throw new BackupException("bundle " + path + ": file " + stored + " fails its SHA-256 check (the manifest says "
          + expected + ", the file has " + found + "): it is damaged, truncated or was changed");
    }
    if (failure != null) {
      throw new BackupException("bundle " + path + ": file " + stored + " " + failure);
    }
  }

  /** Decodes into {@code sink}; returns what went wrong, or null. */
  private String decode(String stored, InputStream in, OutputStream sink) throws IOException {
    if (manifest.manifest().encrypted() && key == null) {
      return null;
    }
    try {
      InputStream plain = manifest.manifest().encrypted()
          ? new DecryptingInputStream(in, key, stored, manifest.encryption().chunkSize()) : in;
      try (InputStream zstd = new ZstdInputStreamNoFinalizer(new KeepOpen(plain))) {
        zstd.transferTo(sink);
      }
      return null;
    } catch (DecryptingInputStream.EncryptedFileException e) {
      return "cannot be decrypted: " + e.getMessage();
    } catch (IOException e) {
      if (sink != OutputStream.nullOutputStream() && e instanceof java.nio.file.FileSystemException) {
        throw e;
      }
      return "cannot be decompressed: " + e.getMessage();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Leaves the stored file's stream open so the rest of it is hashed after decoding stops. */
  private static final class KeepOpen extends java.io.FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the caller closes the stored file
    }
  }

  private static void closeQuietly(BundleFiles files) {
    try {
      files.close();
    } catch (IOException ignored) {
      // already failing with a better message
    }
  }

  /** Releases the archive, if any. */
  @Override
  public void close() {
    if (key != null) {
      key.destroy();
    }
    closeQuietly(files);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
