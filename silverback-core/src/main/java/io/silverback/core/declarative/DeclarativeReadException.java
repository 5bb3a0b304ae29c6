package io.silverback.core.declarative;

/**
 * A declarative document could not be read: a missing or unreadable file, an unknown file type,
 * malformed JSON or YAML, or a document that is not a mapping. The message is Kong's detail text,
 * which {@link DeclarativeConfigParser} wraps as {@code failed parsing declarative configuration:
 * <detail>} where Kong does.
 */
public class DeclarativeReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean aboutTheFile;

  /** The content could not be read (syntax, not a mapping). */
  public DeclarativeReadException(String message) {
    this(message, false);
  }

  private DeclarativeReadException(String message, boolean aboutTheFile) {
    super(message);
    this.aboutTheFile = aboutTheFile;
  }

  /** The file itself could not be read: missing, a directory, unreadable, of an unknown type. */
  static DeclarativeReadException file(String message) {
    return new DeclarativeReadException(message, true);
  }

  /**
   * Whether the problem is the file rather than its content; Kong reports those without its
   * {@code failed parsing declarative configuration:} prefix.
   */
  public boolean aboutTheFile() {
    return aboutTheFile;
  }
}
