package io.silverback.store.pg;

/**
 * PostgreSQL's COPY text format: tab-separated columns, {@code \N} for null, backslash escapes.
 * Rows are built in memory and streamed to {@code COPY ... FROM STDIN}, the fastest way to load
 * many rows through JDBC (one round trip, no per-row statement).
 */
final class CopyText {
  private CopyText() {}

  /** Appends one row of {@link Table#values} and its newline. */
  static void appendRow(StringBuilder sb, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append('\t');
      }
      Object v = values[i];
      if (v == null) {
        sb.append("\\N");
      } else if (v instanceof String[] array) {
        appendEscaped(sb, arrayLiteral(array));
      } else {
        appendEscaped(sb, v.toString());
      }
    }
    sb.append('\n');
  }

  /** Undoes COPY text escaping of one column value (the entity column of a dump). */
  static String unescape(CharSequence s, int from, int to) {
    StringBuilder sb = null;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(to - from).append(s, from, i);
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000B');
        default -> sb.append(n);
      }
    }
    return sb == null ? s.subSequence(from, to).toString() : sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, String s) {
    if (plain(s)) {
      sb.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
  }

  /** Whether {@code s} holds nothing COPY escapes: entity JSON mostly does not. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
        return false;
      }
    }
    return true;
  }

  /** A text[] literal with every element quoted: {@code {"a","b c"}}. */
  private static String arrayLiteral(String[] array) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < array.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      String s = array[i];
      for (int j = 0; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
