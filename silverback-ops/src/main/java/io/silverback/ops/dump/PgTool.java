package io.silverback.ops.dump;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL client program found on the PATH ({@code pg_dump}, {@code pg_restore}) and the
 * version it reports, e.g. {@code pg_dump (PostgreSQL) 15.14 (Debian 15.14-1.pgdg120+1)}.
 *
 * @param path the executable
 * @param version what {@code --version} printed, up to the version number
 * @param major the major version (15 for 15.14)
 */
record PgTool(Path path, String version, int major) {
  private static final Pattern VERSION = Pattern.compile("^(.*?\\(PostgreSQL\\) (\\d+)(?:\\.\\d+)*)");

  /**
   * Looks {@code name} up in {@code pathVariable} (a PATH value) and asks it for its version.
   *
   * @return empty when no executable of that name is on the PATH
   * @throws DumpException when it is there but does not answer {@code --version} as PostgreSQL's do
   */
  static Optional<PgTool> find(String name, String pathVariable) {
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(probe(candidate));
      }
    }
    return Optional.empty();
  }

  /** The PATH of this process. */
  static String systemPath() {
    return System.getenv("PATH");
  }

  private static PgTool probe(Path executable) {
    try {
      Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      Matcher m = VERSION.matcher(out);
      if (!m.find()) {
        throw new DumpException(executable + " --version printed '" + out + "', not a PostgreSQL version");
      }
      return new PgTool(executable, m.group(1), Integer.parseInt(m.group(2)));
    } catch (IOException e) {
      throw new DumpException("cannot run " + executable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException("interrupted while asking " + executable + " for its version", e);
    }
  }
}
