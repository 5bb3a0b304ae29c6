package io.silverback.ops.restore;

import io.silverback.ops.backup.Bundle;
import io.silverback.ops.dump.DumpFiles;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database section of a verified bundle as a dump read in place: each file is decrypted,
 * decompressed and checked while the load streams it into COPY, with no scratch copy on disk.
 */
final class BundleDump implements DumpFiles {
  private static final String SECTION = "database";
  private final Bundle bundle;

  BundleDump(Bundle bundle) {
    this.bundle = bundle;
  }

  /** @throws io.silverback.ops.backup.BackupException when the file fails its checks */
  @Override
  public void copyTo(String relative, OutputStream sink) {
    bundle.read(SECTION, relative, sink);
  }

  @Override
  public Optional<Path> directory() {
    return Optional.empty();
  }

  @Override
  public String where() {
    return "bundle " + bundle.path() + ", section " + SECTION;
  }
}
