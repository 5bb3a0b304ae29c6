package io.silverback.core.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kong's {@code kong.conf} syntax ({@code kong/conf_loader/init.lua}, {@code load_config}): {@code
 * key = value} lines; a {@code #} starts a comment unless written {@code \#}; whitespace around keys
 * and values is dropped; blank lines are skipped; {@code key =} sets the empty value. A later line
 * for the same key wins, as in Penlight's reader.
 */
final class ConfSyntax {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*(?<!\\\\)#.*$");

  /** One {@code key = value} line, with its 1-based line number. */
  record Line(String key, String value, int number) {}

  private ConfSyntax() {}

  /**
   * Parses {@code text}.
   *
   * @param origin names the text in errors (a file path, or the defaults resource)
   * @throws ConfException naming origin and line when a line is not {@code key = value}
   */
  static List<Line> parse(String text, String origin) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\r?\n|\r", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw new ConfException(origin + ":" + (i + 1) + ": expected 'key = value', found '"
            + TRAILING_COMMENT.matcher(line).replaceFirst("") + "'");
      }
      lines.add(new Line(key, value(line.substring(eq + 1)), i + 1));
    }
    return lines;
  }

  /** A raw value without its trailing comment, with {@code \#} turned into {@code #}. */
  static String value(String raw) {
    return TRAILING_COMMENT.matcher(raw).replaceFirst("").replace("\\#", "#").strip();
  }
}
