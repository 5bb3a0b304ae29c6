package io.silverback.core.router;

/** A route that cannot be compiled for matching; the message names the route. */
public class RouterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message that says which route and why.
   *
   * @param message the explanation
   */
  public RouterException(String message) {
    super(message);
  }

  /**
   * An error caused by another one.
   *
   * @param message the explanation
   * @param cause what went wrong underneath
   */
  public RouterException(String message, Throwable cause) {
    super(message, cause);
  }
}
