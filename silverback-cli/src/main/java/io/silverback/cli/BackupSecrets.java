package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.ManifestFile;
import io.silverback.ops.backup.Secret;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The secret of an encrypted bundle, as a picocli {@code @Mixin}: {@code --key-file FILE}, the
 * configured {@code backup_key_file}, or a passphrase from the variable {@code
 * backup_passphrase_env} names, {@code SILVERBACK_BACKUP_PASSPHRASE} or a prompt on the terminal.
 * There is no passphrase option: a command line shows in the process list. Passphrases are
 * {@code char[]} from the start (the prompt's own), zeroed by the command once the bundle's key is
 * derived ({@link Secret#destroy}).
 */
final class BackupSecrets {
  static final String PASSPHRASE_ENV = "SILVERBACK_BACKUP_PASSPHRASE";

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "A file holding a 32-byte key (raw, or 64 hex characters; e.g. 'openssl rand -out FILE 32')."
          + " Without it the passphrase comes from " + PASSPHRASE_ENV + " or a prompt.")
  Path keyFile;

  /**
   * The secret to encrypt a new bundle with: {@code --key-file}; else with {@code encrypt} a
   * passphrase ({@link #passphrase}); else the configured one ({@link ConfiguredSecret}).
   *
   * @return null when the bundle is not to be encrypted
   * @throws IllegalStateException when a passphrase is needed and nothing gives one
   */
  Secret forCreate(boolean encrypt, NodeConf conf, Map<String, String> env) {
    if (keyFile != null) {
      return Secret.ofKeyFile(keyFile);
    }
    if (encrypt) {
      return Secret.ofPassphrase(passphrase(conf, env, true));
    }
    return ConfiguredSecret.of(conf, env).orElse(null);
  }

  /**
   * Opens {@code path} with the secret {@link #forRead} finds, and zeroes its passphrase once the
   * bundle's key is derived.
   *
   * @throws io.silverback.ops.backup.BackupException when the bundle cannot be opened or the secret is wrong
   * @throws IllegalStateException when a passphrase is needed and nothing gives one
   */
  Bundle open(Path path, NodeConf conf, Map<String, String> env) {
    Secret secret;
    try (Bundle plain = Bundle.open(path, null)) {
      secret = forRead(plain.manifestFile(), conf, env);
    }
    try {
      return Bundle.open(path, secret);
    } finally {
      if (secret != null) {
        secret.destroy();
      }
    }
  }

  /**
   * The secret to read a bundle with: none when it is not encrypted; else {@code --key-file}, else
   * for a key-file bundle {@code backup_key_file}, for a passphrase bundle {@link #passphrase}.
   *
   * @throws IllegalStateException when a passphrase is needed and nothing gives one
   */
  Secret forRead(ManifestFile manifest, NodeConf conf, Map<String, String> env) {
    if (keyFile != null) {
      return Secret.ofKeyFile(keyFile);
    }
    if (!manifest.manifest().encrypted()) {
      return null;
    }
    Optional<String> configuredKey = conf.optional(ConfiguredSecret.KEY_FILE).filter(k -> !k.isBlank());
    if (!"passphrase".equals(manifest.encryption().keySource()) && configuredKey.isPresent()) {
      return Secret.ofKeyFile(Path.of(configuredKey.get().strip()));
    }
    return Secret.ofPassphrase(passphrase(conf, env, false));
  }

  /**
   * A passphrase: from the variable {@code backup_passphrase_env} names, else {@value
   * #PASSPHRASE_ENV}, else a prompt on the terminal (twice when {@code confirm}). Always a fresh
   * {@code char[]} the caller zeroes ({@link Secret#destroy}).
   */
  private static char[] passphrase(NodeConf conf, Map<String, String> env, boolean confirm) {
    Optional<char[]> configured = ConfiguredSecret.passphrase(conf, env);
    if (configured.isPresent()) {
      return configured.get();
    }
    String fromEnv = env.get(PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    Console console = requireConsole();
    char[] first = console.readPassword("Backup passphrase: ");
    if (first == null || first.length == 0) {
      throw new IllegalStateException("no passphrase given; nothing was done");
    }
    if (confirm) {
      char[] second = console.readPassword("Repeat the passphrase: ");
      boolean same = Arrays.equals(first, second);
      if (second != null) {
        Arrays.fill(second, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new IllegalStateException("the passphrases do not match; nothing was written");
      }
    }
    return first;
  }

  private static Console requireConsole() {
    Console console = System.console();
    if (console == null) {
      throw new IllegalStateException("the bundle needs a passphrase: set backup_passphrase_env or " + PASSPHRASE_ENV
          + ", or run on a terminal to be prompted (or use --key-file or backup_key_file)");
    }
    return console;
  }
}
