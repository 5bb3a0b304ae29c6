package io.silverback.core.declarative;

/**
 * A declarative document could not be read: a missing or unreadable file, an unknown file type,
 * malformed JSON or YAML, or a document that is not a mapping. The message is Kong's detail text,
 * which {@link DeclarativeConfigParser} wraps as {@code failed parsing declarative configuration:
 * <detail>} where Kong does.
 */
public class DeclarativeReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeclarativeReadException(String message) {
    super(message);
  }
}
