package io.silverback.ops.backup;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** The stored files of a bundle, whether a directory or a {@code .sbk} archive. */
interface BundleFiles extends Closeable {
  /** Every stored file's path relative to the bundle, the manifest included. */
  List<String> paths() throws IOException;

  /**
   * Opens one stored file.
   *
   * @throws NoSuchFileException when the bundle has no such file
   */
  InputStream open(String path) throws IOException;

  /** Opens {@code path}: a directory or an archive. */
  static BundleFiles of(Path path) throws IOException {
    return Files.isDirectory(path) ? new Directory(path) : new Archived(path);
  }

  /** A bundle directory. */
  final class Directory implements BundleFiles {
    private final Path root;

    Directory(Path root) {
      this.root = root;
    }

    @Override
    public List<String> paths() throws IOException {
      try (Stream<Path> walk = Files.walk(root)) {
        return walk.filter(p -> !Files.isDirectory(p)).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
      }
    }

    @Override
    public InputStream open(String path) throws IOException {
      return Files.newInputStream(root.resolve(Layout.checkRelative(path)));
    }

    @Override
    public void close() {
      // nothing held open
    }
  }

  /** A {@code .sbk} archive: the tar's index is read once, each entry is read on demand. */
  final class Archived implements BundleFiles {
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();
    private final List<String> paths = new ArrayList<>();

    Archived(Path file) throws IOException {
      this.tar = new TarFile(file);
      for (TarArchiveEntry entry : tar.getEntries()) {
        if (entry.isFile()) {
          entries.put(entry.getName(), entry);
          paths.add(entry.getName());
        }
      }
    }

    @Override
    public List<String> paths() {
      return paths.stream().sorted().toList();
    }

    @Override
    public InputStream open(String path) throws IOException {
      TarArchiveEntry entry = entries.get(path);
      if (entry == null) {
        throw new NoSuchFileException(path);
      }
      return new Serialized(tar.getInputStream(entry), tar);
    }

    @Override
    public void close() throws IOException {
      tar.close();
    }
  }

  /**
   * An entry of an archive read by several threads at once (a restore loads two tables at a
   * time): every entry's stream seeks the archive's one channel before it reads, so reads take
   * turns on the archive.
   */
  final class Serialized extends FilterInputStream {
    private final Object archive;

    Serialized(InputStream in, Object archive) {
      super(in);
      this.archive = archive;
    }

    @Override
    public int read() throws IOException {
      synchronized (archive) {
        return in.read();
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      synchronized (archive) {
        return in.read(b, off, len);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      synchronized (archive) {
        return in.skip(n);
      }
    }
  }
}
