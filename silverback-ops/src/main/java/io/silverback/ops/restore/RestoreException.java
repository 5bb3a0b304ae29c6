package io.silverback.ops.restore;

/** A restore was refused or failed; the message names the bundle and the target, and says what was left unchanged. */
public final class RestoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RestoreException(String message) {
    super(message);
  }

  public RestoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
