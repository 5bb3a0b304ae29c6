package io.silverback.core.declarative;

/** A declarative document was refused; {@link #errors()} says why in Kong's shapes. */
public class DeclarativeConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DeclarativeErrors errors;

  public DeclarativeConfigException(DeclarativeErrors errors) {
    super(errors.message());
    this.errors = errors;
  }

  public DeclarativeErrors errors() {
    return errors;
  }
}
