package io.silverback.core.declarative;

import java.util.Optional;

/** The outcome of parsing a declarative document: a config, or the reasons it was refused. */
public final class ParseResult {
  private final DeclarativeConfig config;
  private final DeclarativeErrors errors;

  private ParseResult(DeclarativeConfig config, DeclarativeErrors errors) {
    this.config = config;
    this.errors = errors;
  }

  static ParseResult success(DeclarativeConfig config) {
    return new ParseResult(config, null);
  }

  static ParseResult failure(DeclarativeErrors errors) {
    return new ParseResult(null, errors);
  }

  public boolean isValid() {
    return config != null;
  }

  public Optional<DeclarativeConfig> config() {
    return Optional.ofNullable(config);
  }

  public Optional<DeclarativeErrors> errors() {
    return Optional.ofNullable(errors);
  }

  /**
   * The config of a valid result.
   *
   * @throws DeclarativeConfigException carrying the errors when the document was refused
   */
  public DeclarativeConfig orThrow() {
    if (config == null) {
      throw new DeclarativeConfigException(errors);
    }
    return config;
  }
}
