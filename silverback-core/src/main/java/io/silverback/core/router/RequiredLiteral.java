package io.silverback.core.router;

/**
 * The longest run of characters that every match of a regex must contain, used as a cheap
 * {@link String#contains} filter before running the regex: with many regex routes on one host,
 * most candidates fail on it without a {@link java.util.regex.Matcher}.
 *
 * <p>Only runs outside groups count (a group may be optional or repeated); a character followed by
 * a quantifier is left out; escapes, classes and other metacharacters end a run. A regex with an
 * alternation, an inline flag (which could make the match case-insensitive), a nested class or an
 * escape with an argument ({@code \x41}, {@code \p{L}}, {@code \Q..\E}, back-references) has no
 * required literal: those cases are left to the regex.
 */
final class RequiredLiteral {
  private static final String FLAGS = "imsuxdU-";
  private static final String ENDS_RUN = ".^$}";
  private static final String QUANTIFIERS = "?*+{";
  /** Escapes that stand for one character or a position, and so end a run safely. */
  private static final String SIMPLE_ESCAPES = "dDsSwWbBAGzZtnrfaehHvVR";

  private RequiredLiteral() {}

  /**
   * The required literal of a regex.
   *
   * @param regex the regex as compiled
   * @return the longest required run, or "" when there is none to rely on
   */
  static String of(String regex) {
    if (regex.indexOf('|') >= 0 || hasInlineFlag(regex)) {
      return "";
    }
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      boolean literal = depth == 0 && c != '\\' && c != '[' && c != '(' && c != ')'
          && ENDS_RUN.indexOf(c) < 0 && QUANTIFIERS.indexOf(c) < 0;
      if (literal) {
        run.append(c);
        i++;
        continue;
      }
      if (QUANTIFIERS.indexOf(c) >= 0 && run.length() > 0) {
        run.setLength(run.length() - 1);
      }
      best = run.length() > best.length() ? run.toString() : best;
      run.setLength(0);
      if (c == '\\') {
        if (!simpleEscape(regex, i + 1)) {
          return "";
        }
        i += 2;
      } else if (c == '[') {
        i = classEnd(regex, i + 1);
        if (i < 0) {
          return "";
        }
      } else {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        i++;
      }
    }
    return run.length() > best.length() ? run.toString() : best;
  }

  private static boolean hasInlineFlag(String regex) {
    for (int i = regex.indexOf("(?"); i >= 0; i = regex.indexOf("(?", i + 1)) {
      if (i + 2 < regex.length() && FLAGS.indexOf(regex.charAt(i + 2)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean simpleEscape(String regex, int i) {
    if (i >= regex.length()) {
      return false;
    }
    char c = regex.charAt(i);
    return !Character.isLetterOrDigit(c) || SIMPLE_ESCAPES.indexOf(c) >= 0;
  }

  /**
   * The index after the {@code ]} that closes a class opened before {@code start}, or -1 for a
   * class that nests another (Java's unions and intersections) or escapes with an argument.
   */
  private static int classEnd(String regex, int start) {
    int i = start;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      char c = regex.charAt(i);
      if (c == '[' || c == '\\' && !simpleEscape(regex, i + 1)) {
        return -1;
      }
      i += c == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}
