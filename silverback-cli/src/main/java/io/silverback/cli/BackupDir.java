package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import java.nio.file.Path;

/** The backup directory of a configuration: {@code backup_dir}, or {@code <prefix>/backups} when empty. */
final class BackupDir {
  private BackupDir() {}

  static Path of(NodeConf conf) {
    return conf.optional("backup_dir").filter(s -> !s.isBlank()).map(Path::of)
        .orElse(conf.prefix().resolve("backups"));
  }
}
