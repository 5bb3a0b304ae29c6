package io.silverback.core.tls;

/**
 * Thrown when text that should hold a PEM certificate or key cannot be turned into one. The {@link
 * #problem()} says which kind of failure it was, so validators can choose Kong's wording.
 */
public final class PemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    /** No PEM block with an acceptable label was found. */
    NO_BLOCK,
    /** A block was found but its base64, DER or key structure is broken. */
    MALFORMED,
    /** The key is protected by a passphrase; Kong stores keys unencrypted. */
    ENCRYPTED,
    /** The structure is valid but uses an algorithm or curve we cannot load. */
    UNSUPPORTED
  }

  private final Problem problem;

  PemException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  PemException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  /** The kind of failure. */
  public Problem problem() {
    return problem;
  }
}
