package io.silverback.ops.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see the old content or the whole new content, never a part:
 * the bytes go to a temporary file in the same directory, created {@code 0600} (exports and
 * backups hold credentials), which is fsynced and then renamed over the target; the directory is
 * fsynced so the rename survives a crash.
 */
public final class AtomicFile {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** Produces a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code target}.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws FileExistsException when {@code target} exists and {@code overwrite} is false
   * @throws UncheckedIOException when the file cannot be written; {@code target} is then unchanged
   */
  public static void write(Path target, boolean overwrite, Content content) {
    Path absolute = target.toAbsolutePath();
    if (!overwrite && Files.exists(absolute)) {
      throw new FileExistsException(target);
    }
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(ch)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      if (!overwrite && Files.exists(absolute)) {
        throw new FileExistsException(target);
      }
      move(tmp, absolute);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is hidden and named after the target; nothing else to do
        }
      }
    }
  }

  /**
   * Checks, before any work is done, that {@code target} could be written: its directory exists
   * and is writable, and it does not exist unless {@code overwrite}.
   *
   * @throws FileExistsException when it exists and {@code overwrite} is false
   * @throws UncheckedIOException naming the directory when it is missing or not writable
   */
  public static void checkWritable(Path target, boolean overwrite) {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new UncheckedIOException("cannot write " + target + ": directory " + dir + " does not exist",
          new NoSuchFileException(dir.toString()));
    }
    if (!Files.isWritable(dir)) {
      throw new UncheckedIOException("cannot write " + target + ": directory " + dir + " is not writable",
          new AccessDeniedException(dir.toString()));
    }
    if (!overwrite && Files.exists(target)) {
      throw new FileExistsException(target);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory; the rename is still atomic there
    }
  }

  private static FileAttribute<?>[] attributes() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
  }

  /** The target exists and the caller did not allow replacing it. */
  public static final class FileExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FileExistsException(Path target) {
      super(target + " already exists. Will not overwrite it (pass --force to replace it).", new FileAlreadyExistsException(target.toString()));
    }
  }
}
