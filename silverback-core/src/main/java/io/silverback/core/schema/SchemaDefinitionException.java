package io.silverback.core.schema;

/**
 * A schema definition is inconsistent (a programming error in Silverback, never a user input
 * error: those are reported as {@link ErrorTree}s).
 */
public class SchemaDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaDefinitionException(String format, Object... args) {
    super(String.format(format, args));
  }
}
