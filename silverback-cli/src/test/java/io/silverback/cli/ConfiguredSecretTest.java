package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.NodeConf;
import io.silverback.ops.backup.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredSecretTest {
  @Test
  void nothingConfiguredMeansNoEncryption() {
    assertThat(ConfiguredSecret.of(NodeConf.defaults(), Map.of())).isEmpty();
  }

  @Test
  void backupKeyFileGivesAKeyFileSecret() {
    NodeConf conf = conf(Map.of("backup_key_file", "/etc/silverback/backup.key"));

    assertThat(ConfiguredSecret.of(conf, Map.of()).map(Secret::keyFile)).contains(Path.of("/etc/silverback/backup.key"));
  }

  @Test
  void backupPassphraseEnvReadsThePassphraseFromTheVariableItNames() {
    NodeConf conf = conf(Map.of("backup_passphrase_env", "SB_BACKUP_SECRET"));

    Optional<Secret> secret = ConfiguredSecret.of(conf, Map.of("SB_BACKUP_SECRET", "correct horse"));

    assertThat(secret.map(Secret::passphrase)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("correct horse"));
    assertThat(secret.get().toString()).doesNotContain("correct horse");
  }

  @Test
  void anUnsetVariableIsAnErrorThatNamesItAndNotAnUnencryptedBundle() {
    NodeConf conf = conf(Map.of("backup_passphrase_env", "SB_BACKUP_SECRET"));

    assertThatThrownBy(() -> ConfiguredSecret.of(conf, Map.of()))
        .hasMessage("backup_passphrase_env names the environment variable SB_BACKUP_SECRET, which is not set or empty:"
            + " export the backup passphrase in it");
  }

  @Test
  void bothKeysAtOnceAreRefused() {
    NodeConf conf = conf(Map.of("backup_passphrase_env", "X", "backup_key_file", "/k"));

    assertThatThrownBy(() -> ConfiguredSecret.of(conf, Map.of("X", "y")))
        .hasMessageStartingWith("set backup_key_file or backup_passphrase_env, not both");
  }

  private static NodeConf conf(Map<String, String> flags) {
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }
}
