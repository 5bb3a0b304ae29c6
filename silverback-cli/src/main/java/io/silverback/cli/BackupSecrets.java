package io.silverback.cli;

import io.silverback.ops.backup.Manifest;
import io.silverback.ops.backup.Secret;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The secret of an encrypted bundle, as a picocli {@code @Mixin}: {@code --key-file FILE}, or a
 * passphrase from {@code SILVERBACK_BACKUP_PASSPHRASE} or a prompt on the terminal. There is no
 * passphrase option: a command line shows in the process list.
 */
final class BackupSecrets {
  static final String PASSPHRASE_ENV = "SILVERBACK_BACKUP_PASSPHRASE";

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "A file holding a 32-byte key (raw, or 64 hex characters; e.g. 'openssl rand -out FILE 32')."
          + " Without it the passphrase comes from " + PASSPHRASE_ENV + " or a prompt.")
  Path keyFile;

  /**
   * The secret to encrypt a new bundle with: the key file, else (with {@code encrypt}) the passphrase.
   *
   * @return null when the bundle is not to be encrypted
   * @throws IllegalStateException when a passphrase is needed and neither the variable nor a terminal gives one
   */
  Secret forCreate(boolean encrypt, Map<String, String> env) {
    if (keyFile != null) {
      return Secret.ofKeyFile(keyFile);
    }
    if (!encrypt) {
      return null;
    }
    String fromEnv = env.get(PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Secret.ofPassphrase(fromEnv.toCharArray());
    }
    Console console = requireConsole();
    char[] first = console.readPassword("Backup passphrase: ");
    char[] second = console.readPassword("Repeat the passphrase: ");
    if (first == null || first.length == 0 || !Arrays.equals(first, second)) {
      throw new IllegalStateException("the passphrases are empty or do not match; nothing was written");
    }
    return Secret.ofPassphrase(first);
  }

  /**
   * The secret to read a bundle with: none when it is not encrypted, else the key file or the passphrase.
   *
   * @throws IllegalStateException when a passphrase is needed and neither the variable nor a terminal gives one
   */
  Secret forRead(Manifest manifest, Map<String, String> env) {
    if (keyFile != null) {
      return Secret.ofKeyFile(keyFile);
    }
    if (!manifest.encrypted()) {
      return null;
    }
    String fromEnv = env.get(PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Secret.ofPassphrase(fromEnv.toCharArray());
    }
    char[] passphrase = requireConsole().readPassword("Backup passphrase: ");
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalStateException("no passphrase given");
    }
    return Secret.ofPassphrase(passphrase);
  }

  private static Console requireConsole() {
    Console console = System.console();
    if (console == null) {
      throw new IllegalStateException("the bundle needs a passphrase: set " + PASSPHRASE_ENV
          + " or run on a terminal to be prompted (or use --key-file)");
    }
    return console;
  }
}
