package io.silverback.store;

/**
 * The database cannot be reached, refuses the credentials, or could not be started (embedded).
 * The message names host, port and user (never the password) and what to check.
 */
public final class DatabaseUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(KongError.DATABASE_ERROR, message, null, cause);
  }
}
