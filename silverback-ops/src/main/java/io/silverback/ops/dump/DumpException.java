package io.silverback.ops.dump;

/** A snapshot, dump or load failed; the message names the database, schema, table or file. */
public final class DumpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DumpException(String message) {
    super(message);
  }

  public DumpException(String message, Throwable cause) {
    super(message, cause);
  }
}
