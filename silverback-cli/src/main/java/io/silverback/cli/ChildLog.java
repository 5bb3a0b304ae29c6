package io.silverback.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a background node printed before it exited, read back from its log for the person who ran
 * {@code silverback start}: the {@code Error: ...} block the node's error handler wrote, or the
 * last lines of the log when there is none.
 */
final class ChildLog {
  private static final int TAIL_LINES = 20;

  private ChildLog() {}

  static String error(Path log, long offset, int exitCode) {
    List<String> lines = Arrays.asList(read(log, offset).split("\r?\n"));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Error: ")) {
        start = i;
      }
    }
    if (start >= 0) {
      StringBuilder message = new StringBuilder(lines.get(start).substring("Error: ".length()));
      for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("  Run with --v"); i++) {
        message.append('\n').append(lines.get(i));
      }
      return message.toString().strip();
    }
    List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    return "the node exited with code " + exitCode + " before it was ready; the end of " + log + ":\n"
        + String.join("\n", tail);
  }

  private static String read(Path log, long offset) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      f.seek(Math.min(offset, f.length()));
      byte[] bytes = new byte[(int) Math.min(f.length() - f.getFilePointer(), 1 << 20)];
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
