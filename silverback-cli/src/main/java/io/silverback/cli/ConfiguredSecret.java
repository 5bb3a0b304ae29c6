package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.ops.backup.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The backup secret the operator configured: {@code backup_key_file} (a key file) or {@code
 * backup_passphrase_env} (the name of an environment variable holding the passphrase). Used when
 * no flag says otherwise by {@code backup create}, by {@code --backup auto} of {@code migrations
 * up|finish}, and to read bundles. Never prompts; the secret itself is never printed.
 */
final class ConfiguredSecret {
  static final String KEY_FILE = "backup_key_file";
  static final String PASSPHRASE_ENV = "backup_passphrase_env";

  private ConfiguredSecret() {}

  /**
   * The configured secret, if any.
   *
   * @throws IllegalStateException when both keys are set, or the named variable is unset or empty
   */
  static Optional<Secret> of(NodeConf conf, Map<String, String> env) {
    Optional<String> keyFile = conf.optional(KEY_FILE).filter(s -> !s.isBlank());
    Optional<String> variable = conf.optional(PASSPHRASE_ENV).filter(s -> !s.isBlank());
    if (keyFile.isPresent() && variable.isPresent()) {
      throw new IllegalStateException("set " + KEY_FILE + " or " + PASSPHRASE_ENV + ", not both (" + conf.source(KEY_FILE)
          + ", " + conf.source(PASSPHRASE_ENV) + ")");
    }
    if (keyFile.isPresent()) {
      return Optional.of(Secret.ofKeyFile(Path.of(keyFile.get().strip())));
    }
    return variable.map(name -> Secret.ofPassphrase(passphrase(name.strip(), env)));
  }

  /** The passphrase in the variable {@code backup_passphrase_env} names, if that key is set. */
  static Optional<char[]> passphrase(NodeConf conf, Map<String, String> env) {
    return conf.optional(PASSPHRASE_ENV).filter(s -> !s.isBlank()).map(name -> passphrase(name.strip(), env));
  }

  private static char[] passphrase(String name, Map<String, String> env) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(PASSPHRASE_ENV + " names the environment variable " + name
          + ", which is not set or empty: export the backup passphrase in it");
    }
    return value.toCharArray();
  }
}
