package io.silverback.ops.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the files of a dump are read from: a directory on disk, or a bundle whose database
 * section is decoded while the load reads it (no scratch copy). A source that checks its files
 * (a bundle's SHA-256, GCM tags and zstd checksums) finishes the check only when a file has been
 * read to its end, so a load never ends a COPY before {@link #copyTo} returned.
 */
public interface DumpFiles {
  /**
   * Writes the file {@code relative} of the dump (e.g. {@code dump.json}, {@code
   * tables/consumers.copy}) into {@code sink}, whole, checking it as the source requires.
   *
   * @throws IOException when the file is missing or cannot be read
   * @throws RuntimeException what {@code sink} throws, or the source's own unchecked exception
   *     for a file that fails its checks
   */
  void copyTo(String relative, OutputStream sink) throws IOException;

  /**
   * Completes the source's checks of the whole dump; a load calls it once every table is loaded,
   * before anything is swapped in. A directory checks nothing.
   *
   * @throws RuntimeException the source's own exception when a check fails
   */
  default void finish() {
  }

  /** What to name in messages: the directory, or the bundle and its section. */
  String where();

  /** The files of the dump directory {@code dir}. */
  static DumpFiles in(Path dir) {
    return new DumpFiles() {
      @Override
      public void copyTo(String relative, OutputStream sink) throws IOException {
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
          throw new NoSuchFileException(file.toString());
        }
        Files.copy(file, sink);
      }

      @Override
      public String where() {
        return dir.toString();
      }
    };
  }
}
