package io.silverback.core.declarative;

import io.silverback.core.config.Config;

/**
 * A parsed, valid declarative configuration: the entities and the document's meta keys.
 *
 * @param config the entities
 * @param formatVersion always {@code 3.0}: older versions are migrated on the fly
 * @param transform whether transformations (password hashing) were applied
 * @param hash the MD5 hex of the source text, Kong's {@code configuration_hash}; 32 zeros when
 *     the text is unknown or the config is empty
 */
public record DeclarativeConfig(Config config, String formatVersion, boolean transform, String hash) {
  /** Kong's hash of an empty configuration. */
  public static final String EMPTY_HASH = "0".repeat(32);
}
