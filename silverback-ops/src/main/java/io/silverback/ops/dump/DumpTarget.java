package io.silverback.ops.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the files of a dump are written: a directory, or a bundle that compresses (and encrypts)
 * each file as its bytes arrive, so a table goes from {@code COPY} to its stored form without a
 * plain copy on disk. Files may be written from several threads at once.
 */
public interface DumpTarget {
  /** Produces a file's content. */
  @FunctionalInterface
  interface Content {
    /** Writes the content whole; the stream is closed by the target. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes the file {@code relative} of the dump (e.g. {@code tables/consumers.copy}).
   *
   * @throws IOException when it cannot be written
   * @throws RuntimeException what {@code content} throws, or the target's own unchecked exception
   */
  void write(String relative, Content content) throws IOException;

  /** New files under {@code dir}, their directories created as needed. */
  static DumpTarget in(Path dir) {
    return (relative, content) -> {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
    };
  }
}
