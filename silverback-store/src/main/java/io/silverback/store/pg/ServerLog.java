package io.silverback.store.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The output of initdb, pg_ctl and the server, {@code <prefix>/pgdata.log}, emptied at each start.
 * It tells why a start failed: pg_ctl reports its failures on lines of its own.
 */
final class ServerLog {
  private static final Pattern ERROR = Pattern.compile("error|FATAL|PANIC|^pg_ctl: ");
  private static final int EXCERPT_LINES = 3;

  private final Path path;

  ServerLog(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  void reset() throws IOException {
    Files.deleteIfExists(path);
    Files.createFile(path);
  }

  /**
   * Whether pg_ctl said it could not start the server, which zonky does not notice. Its only
   * message that is not a failure is the warning about a lock file it will try to override.
   */
  boolean pgCtlFailed() {
    return lines().stream()
        .anyMatch(line -> line.startsWith("pg_ctl: ") && !line.contains("another server might be running"));
  }

  /** The last distinct error lines, joined; empty when there are none. */
  String excerpt() {
    List<String> errors = lines().stream()
        .filter(line -> ERROR.matcher(line).find())
        .distinct()
        .collect(Collectors.toList());
    return errors.subList(Math.max(0, errors.size() - EXCERPT_LINES), errors.size()).stream()
        .map(String::strip)
        .collect(Collectors.joining(" | "));
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(path);
    } catch (IOException e) {
      return List.of();
    }
  }
}
