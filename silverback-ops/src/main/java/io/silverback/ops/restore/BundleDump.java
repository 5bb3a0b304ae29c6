package io.silverback.ops.restore;

import io.silverback.ops.backup.Bundle;
import io.silverback.ops.dump.DumpFiles;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The database section of a bundle as a dump read in place: each file is decrypted, decompressed
 * and checked (SHA-256, GCM tags, zstd checksum) while the load streams it into COPY, with no
 * scratch copy on disk. Meanwhile a background thread checks the digests of every other file of
 * the bundle, so each byte is hashed once; {@link #finish} (before the swap) waits for it and
 * checks any database file the load did not read. A bundle that fails a check therefore restores
 * nothing, as when it was verified whole first.
 */
final class BundleDump implements DumpFiles, AutoCloseable {
  private static final String SECTION = "database";
  private final Bundle bundle;
  private final Set<String> read = ConcurrentHashMap.newKeySet();
  private final FutureTask<Void> others;

  private BundleDump(Bundle bundle) {
    this.bundle = bundle;
    this.others = new FutureTask<>(() -> {
      bundle.verifyDigestsOutside(SECTION);
      return null;
    });
  }

  /** Starts checking the digests of the bundle's files outside its database section. */
  static BundleDump verifying(Bundle bundle) {
    BundleDump dump = new BundleDump(bundle);
    Thread t = new Thread(dump.others, "silverback-restore-verify");
    t.setDaemon(true);
    t.start();
    return dump;
  }

  /** @throws io.silverback.ops.backup.BackupException when the file fails its checks */
  @Override
  public void copyTo(String relative, OutputStream sink) {
    bundle.read(SECTION, relative, sink);
    read.add(relative);
  }

  /** @throws io.silverback.ops.backup.BackupException when any file of the bundle fails its checks */
  @Override
  public void finish() {
    awaitOthers();
    for (String relative : bundle.files(SECTION)) {
      if (!read.contains(relative)) {
        copyTo(relative, OutputStream.nullOutputStream());
      }
    }
  }

  private void awaitOthers() {
    try {
      others.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new RestoreException("cannot verify " + bundle.path() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestoreException("interrupted while verifying " + bundle.path(), e);
    }
  }

  @Override
  public String where() {
    return "bundle " + bundle.path() + ", section " + SECTION;
  }

  /** Waits for the background check to end (the bundle is closed after this). */
  @Override
  public void close() {
    try {
      others.get();
    } catch (ExecutionException e) {
      // finish() reported it, or the load failed first with a better message
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
