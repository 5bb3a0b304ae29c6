package io.silverback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses, with a clear message, a file too large to parse in the JVM's heap, instead of failing
 * half-way with an OutOfMemoryError. A parsed declarative document needs about
 * {@value #BYTES_PER_FILE_BYTE} bytes of heap per byte of file at its peak: bench/parse.sh found
 * the smallest heap that parses its 7.3 MB JSON file to be 256 MB, and 384 MB for the 7.6 MB
 * YAML file (the finished config keeps about 17 bytes per file byte).
 */
final class HeapGuard {
  static final int BYTES_PER_FILE_BYTE = 40;

  private HeapGuard() {}

  /**
   * Checks that {@code file} fits.
   *
   * @throws IllegalStateException naming the file, its size and the heap needed, when it does not
   */
  static void check(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return; // the parser reports unreadable files with their own message
    }
    long max = Runtime.getRuntime().maxMemory();
    long needed = size * BYTES_PER_FILE_BYTE;
    if (needed > max) {
      throw new IllegalStateException(String.format(
          "%s is %d MB; parsing it needs about %d MB of heap but the JVM may use %d MB."
              + " Set SILVERBACK_JAVA_OPTS=-Xmx%dm (or more) and run again.",
          file, size >> 20, needed >> 20, max >> 20, (needed >> 20) + 256));
    }
  }
}
