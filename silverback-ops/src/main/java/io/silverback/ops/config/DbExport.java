package io.silverback.ops.config;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.ops.files.AtomicFile;
import io.silverback.store.Store;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code config db_export}: one consistent snapshot of the store written as a 3.0 declarative
 * file in dependency order, which {@code config parse} and {@code db_import} accept. The file says
 * {@code _transform: false}, so stored password hashes come back as hashes; unlike Kong's export,
 * every credential type is included. Files are written atomically with mode {@code 0600}
 * because they hold credentials and private keys.
 */
public final class DbExport {
  private DbExport() {}

  /** The syntax a file name asks for: JSON for {@code .json}, else YAML (Kong's default). */
  public static DeclarativeReader.Syntax syntaxOf(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? DeclarativeReader.Syntax.JSON : DeclarativeReader.Syntax.YAML;
  }

  /**
   * Exports to {@code file}.
   *
   * @param force whether an existing file may be replaced
   * @return what was exported
   * @throws AtomicFile.FileExistsException when the file exists and {@code force} is false
   * @throws java.io.UncheckedIOException when the directory is missing or not writable (checked
   *     before the database is read)
   */
  public static Config toFile(Store store, Path file, boolean force) {
    AtomicFile.checkWritable(file, force);
    Config config = store.export();
    AtomicFile.write(file, force, out -> DeclarativeWriter.write(config, syntaxOf(file), out));
    return config;
  }

  /** Exports to a stream (standard output). */
  public static Config toStream(Store store, DeclarativeReader.Syntax syntax, OutputStream out) {
    Config config = store.export();
    DeclarativeWriter.write(config, syntax, out);
    return config;
  }
}
