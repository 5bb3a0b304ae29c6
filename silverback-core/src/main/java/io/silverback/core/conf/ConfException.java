package io.silverback.core.conf;

/**
 * The node configuration is wrong: an unknown key, an invalid value, an unreadable file. The
 * message names the key, the value (never a secret's) and where it came from, such as {@code
 * /etc/silverback/silverback.conf:12} or {@code env SILVERBACK_PG_PORT}.
 */
public final class ConfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its full message. */
  public ConfException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}, such as an I/O failure reading a file. */
  public ConfException(String message, Throwable cause) {
    super(message, cause);
  }
}
