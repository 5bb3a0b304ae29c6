package io.silverback.ops.backup;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a new bundle: every file compressed (and encrypted) into {@code .<name>.partial/} in the
 * backup directory, fsynced; on {@link #finish} the manifest is written last and the whole bundle
 * is renamed into place (or packed into {@code <name>.sbk} the same way). Until then nothing
 * carries a finished bundle's name, so a crash or a full disk never leaves a bundle that looks
 * complete; {@link #close} without {@code finish} deletes what was written. Files may be added
 * from several threads at once.
 */
public final class BundleWriter implements AutoCloseable {
  /** Plaintext bytes per encrypted chunk. */
  static final int CHUNK_SIZE = 256 * 1024;
  /**
   * zstd's fastest level: on COPY text and declarative JSON it compresses about twice as fast as
   * level 3 and, with the window a stream of unknown size gets, to files about 10 % smaller.
   */
  private static final int ZSTD_LEVEL = 1;

  /** Produces a file's content. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content; the stream is closed by the caller. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * A finished bundle.
   *
   * @param path the bundle directory or archive
   * @param manifest what its manifest says
   * @param storedBytes the bytes the bundle takes on disk
   */
  public record Written(Path path, ManifestFile manifest, long storedBytes) {}

  private final Path backupDir;
  private final String name;
  private final Path staging;
  private final Instant createdAt;
  private final boolean archive;
  private final BundleKey key;
  private final Encryption encryption;
  private final Map<String, String> sha256 = new TreeMap<>();
  private long storedBytes;
  private boolean finished;

  private BundleWriter(Path backupDir, String name, Instant createdAt, boolean archive, BundleKey key, Encryption encryption) {
    this.backupDir = backupDir;
    this.name = name;
    this.staging = backupDir.resolve("." + name + Layout.PARTIAL);
    this.createdAt = createdAt;
    this.archive = archive;
    this.key = key;
    this.encryption = encryption;
  }

  /**
   * Starts a bundle in {@code backupDir} (created {@code 0700} when missing).
   *
   * @param secret what to encrypt with, or null for no encryption
   * @param archive whether to finish as one {@code .sbk} file instead of a directory
   * @throws BackupException when the directory cannot be created or written
   */
  public static BundleWriter start(Path backupDir, Instant createdAt, Secret secret, boolean archive) {
    return start(backupDir, createdAt, secret, archive, KdfParams.recommended());
  }

  static BundleWriter start(Path backupDir, Instant createdAt, Secret secret, boolean archive, KdfParams kdf) {
    byte[] id = new byte[3];
    new SecureRandom().nextBytes(id);
    String name = Layout.name(createdAt, HexFormat.of().formatHex(id));
    BundleKey key = secret == null ? null : BundleKey.create(secret, kdf);
    Encryption encryption = key == null ? null : key.describe(secret, kdf, CHUNK_SIZE);
    BundleWriter writer = new BundleWriter(backupDir.toAbsolutePath(), name, createdAt, archive, key, encryption);
    try {
      Durable.createDirectory(writer.backupDir);
      Files.createDirectory(writer.staging);
      Files.setPosixFilePermissions(writer.staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new BackupException("cannot start bundle " + name + " in " + backupDir + ": " + e, e);
    }
    return writer;
  }

  /** The bundle's name, without {@code .sbk}. */
  public String name() {
    return name;
  }

  /**
   * Stores one file of {@code section}.
   *
   * @param relative its path within the section (forward slashes)
   * @throws BackupException naming the bundle and the file when it cannot be written
   */
  public void add(String section, String relative, Content content) {
    String stored = Layout.stored(section, Layout.checkRelative(relative), key != null);
    Path target = staging.resolve(stored);
    try {
      Durable.createDirectory(target.getParent());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (FileChannel ch = Durable.createFile(target)) {
        OutputStream file = new DigestOutputStream(new KeepOpen(Channels.newOutputStream(ch)), digest);
        OutputStream sealed = key == null ? file : new EncryptingOutputStream(file, key, stored, CHUNK_SIZE);
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(sealed, ZSTD_LEVEL)) {
          zstd.setChecksum(true);
          content.writeTo(zstd);
        }
        ch.force(true);
        stored(stored, HexFormat.of().formatHex(digest.digest()), ch.size());
      }
    } catch (IOException | RuntimeException e) {
      throw new BackupException("cannot write " + stored + " of bundle " + name + " in " + backupDir + ": " + reason(e), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private synchronized void stored(String path, String hex, long bytes) {
    sha256.put(path, hex);
    storedBytes += bytes;
  }

  /**
   * Stores a file from disk.
   *
   * @throws BackupException naming the bundle and the file when it cannot be read or written
   */
  public void addFile(String section, String relative, Path source) {
    add(section, relative, out -> {
      try (InputStream in = Files.newInputStream(source)) {
        in.transferTo(out);
      }
    });
  }

  /**
   * Stores every regular file under {@code dir}, by its path relative to {@code dir} under {@code under}.
   *
   * @param under a directory within the section, or null for its root
   * @throws BackupException when a file cannot be read or written
   */
  public void addTree(String section, Path dir, String under) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new BackupException("cannot read " + dir + " for bundle " + name + ": " + e, e);
    }
    for (Path file : files) {
      String relative = dir.relativize(file).toString().replace('\\', '/');
      addFile(section, under == null ? relative : under + "/" + relative, file);
    }
  }

  /**
   * Writes the manifest and puts the bundle in place.
   *
   * @return the finished bundle
   * @throws BackupException when it cannot be written; nothing then looks like a finished bundle
   */
  public synchronized Written finish(BundleFacts facts) {
    Manifest manifest = new Manifest(Manifest.FORMAT, SilverbackVersion.current(), facts.schemaLevel(),
        facts.postgresVersion(), facts.mode(), facts.dump() == null ? null : facts.dump().method(), facts.entityCounts(),
        createdAt, facts.nodeId(), key != null, sha256);
    ManifestFile file = new ManifestFile(manifest, encryption, facts.dump(), facts.notes());
    byte[] bytes = ManifestJson.write(file);
    try {
      writeSmall(staging.resolve(ManifestFile.NAME), bytes);
      if (key != null) {
        writeSmall(staging.resolve(ManifestFile.MAC), (key.manifestMac(bytes) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      Durable.syncTree(staging);
      Path path = archive ? Archive.pack(staging, backupDir, name + Layout.ARCHIVE) : place();
      finished = true;
      Durable.delete(staging);
      return new Written(path, file, storedBytes + bytes.length);
    } catch (IOException e) {
      throw new BackupException("cannot finish bundle " + name + " in " + backupDir + ": " + reason(e), e);
    }
  }

  private Path place() throws IOException {
    Path target = backupDir.resolve(name);
    Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(backupDir);
    return target;
  }

  private static void writeSmall(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = Durable.createFile(file)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName() + ": " + message : message;
  }

  /** Lets the compressor close its stream while the channel stays open for the fsync. */
  private static final class KeepOpen extends java.io.FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Deletes what was written unless the bundle was finished; zeroes the key. */
  @Override
  public void close() {
    if (key != null) {
      key.destroy();
    }
    if (!finished) {
      try {
        Durable.delete(staging);
        Durable.delete(backupDir.resolve("." + name + Layout.ARCHIVE + Layout.PARTIAL));
      } catch (IOException e) {
        // a leftover .partial is never taken for a bundle; 'backup list' shows it as unfinished
      }
    }
  }
}
