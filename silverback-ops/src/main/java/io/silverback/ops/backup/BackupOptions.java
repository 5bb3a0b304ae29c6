package io.silverback.ops.backup;

import io.silverback.ops.dump.DumpMethod;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How {@link BackupCreate} makes a bundle. Build with {@link #into(Path)} and the {@code with}
 * methods.
 *
 * @param backupDir where the bundle goes
 * @param secret what to encrypt with, or null
 * @param archive one {@code .sbk} file instead of a directory
 * @param dumpMethod the native dump's method, or null for no native dump ({@code --no-native})
 * @param declarative whether to store the declarative export
 * @param jobs tables read at once (pg_dump -j, or the builtin dump on the exported snapshot)
 * @param progress receives a line per step
 * @param notices receives what an operator must know (e.g. why pg_dump was not used)
 */
public record BackupOptions(Path backupDir, Secret secret, boolean archive, DumpMethod dumpMethod, boolean declarative,
    int jobs, Consumer<String> progress, Consumer<String> notices) {
  /** Defaults: not encrypted, a directory, the native dump by {@link DumpMethod#AUTO}, the declarative export, 2 jobs. */
  public static BackupOptions into(Path backupDir) {
    return new BackupOptions(backupDir, null, false, DumpMethod.AUTO, true, 2, line -> { }, line -> { });
  }

  public BackupOptions withSecret(Secret value) {
    return new BackupOptions(backupDir, value, archive, dumpMethod, declarative, jobs, progress, notices);
  }

  public BackupOptions withArchive(boolean value) {
    return new BackupOptions(backupDir, secret, value, dumpMethod, declarative, jobs, progress, notices);
  }

  /** The native dump's method, or null for none. */
  public BackupOptions withDumpMethod(DumpMethod value) {
    return new BackupOptions(backupDir, secret, archive, value, declarative, jobs, progress, notices);
  }

  public BackupOptions withDeclarative(boolean value) {
    return new BackupOptions(backupDir, secret, archive, dumpMethod, value, jobs, progress, notices);
  }

  public BackupOptions withJobs(int value) {
    return new BackupOptions(backupDir, secret, archive, dumpMethod, declarative, value, progress, notices);
  }

  public BackupOptions withProgress(Consumer<String> value) {
    return new BackupOptions(backupDir, secret, archive, dumpMethod, declarative, jobs, value, notices);
  }

  public BackupOptions withNotices(Consumer<String> value) {
    return new BackupOptions(backupDir, secret, archive, dumpMethod, declarative, jobs, progress, value);
  }
}
