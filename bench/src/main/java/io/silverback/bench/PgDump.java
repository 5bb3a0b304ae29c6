package io.silverback.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference for {@code db_export}: PostgreSQL's own {@code pg_dump --data-only} of the same
 * database, in the custom ({@code -Fc}, compressed) and plain formats, timed as a whole process.
 */
final class PgDump {
  private static final String PG_DUMP = System.getenv().getOrDefault("PG_DUMP", "/usr/bin/pg_dump");

  /** What one dump took. */
  record Run(String format, double seconds, long bytes) {}

  private PgDump() {}

  /**
   * Dumps {@code db}'s data to a temporary file in {@code dir}, which is deleted afterwards.
   *
   * @param format {@code c} (custom) or {@code p} (plain SQL)
   */
  static Run dump(BenchDatabase db, String format, Path dir) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "pg_dump-", "." + format);
    try {
      List<String> command = List.of(PG_DUMP, "-h", db.host(), "-p", String.valueOf(db.port()), "-U", db.user(),
          "--data-only", "-F" + format, "-f", file.toString(), db.name());
      Stopwatch t0 = Stopwatch.start();
      Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      int code = p.waitFor();
      double seconds = t0.seconds();
      if (code != 0) {
        throw new IllegalStateException("pg_dump exited with " + code + ": " + String.join(" ", command));
      }
      return new Run(format, seconds, Files.size(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
