package io.silverback.ops.backup;

/** A bundle cannot be written, read or trusted; the message names the bundle and the file. */
public final class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
