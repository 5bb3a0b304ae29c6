package io.silverback.ops.restore;

import io.silverback.ops.backup.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A verified bundle's sections extracted into a private temporary directory, deleted on close
 * (they hold credentials).
 */
final class Sections implements AutoCloseable {
  private final Bundle bundle;
  private final Path root;

  private Sections(Bundle bundle, Path root) {
    this.bundle = bundle;
    this.root = root;
  }

  /**
   * Checks every file of {@code bundle} against its manifest digest (nothing is extracted from a
   * bundle that fails) and prepares the scratch directory; each extraction decodes and checks the
   * rest (GCM tags, zstd checksums).
   */
  static Sections verified(Bundle bundle) {
    bundle.verifyDigests();
    try {
      return new Sections(bundle, Files.createTempDirectory("silverback-restore-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for the restore: " + e.getMessage(), e);
    }
  }

  /** Extracts {@code section} and returns its directory. */
  Path extract(String section) {
    Path dir = root.resolve(section);
    bundle.extract(section, dir);
    return dir;
  }

  /**
   * The declarative file of the bundle's {@code declarative} section.
   *
   * @throws RestoreException when the section holds no single {@code .yml}, {@code .yaml} or {@code .json} file
   */
  Path declarativeFile() {
    Path dir = extract("declarative");
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(Sections::declarative).toList();
      if (found.size() != 1) {
        throw new RestoreException("bundle " + bundle.path() + ": the declarative section holds " + found.size()
            + " declarative files, expected one");
      }
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean declarative(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json");
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the restore's scratch directory " + root, e);
    }
  }
}
