package io.silverback.core.plugin;

import java.util.Optional;

/**
 * Request-transformer's value templates, checked the way Kong checks them: Penlight's {@code
 * template.compile} (with {@code #} lines disabled) turns the value into a Lua function, in which
 * each {@code $(...)} with balanced parentheses becomes {@code __tostring((...) or '')} and the
 * text around becomes string literals; LuaJIT must then compile that function. The same code is
 * generated here and handed to {@link LuaSyntax}, so that line numbers and messages match.
 */
final class LuaTemplate {
  private static final String HEADER = "return function() local __R_size, __R_table, __tostring = 0, {}, __tostring; ";
  private static final String APPENDER = " __R_size = __R_size + 1; __R_table[__R_size] = ";

  private LuaTemplate() {}

  /**
   * The compile error of a template.
   *
   * @param template the value after {@code name:}
   * @return LuaJIT's message ({@code [string "TMP"]:1: ')' expected near 'user2'}), or empty
   */
  static Optional<String> compileError(String template) {
    return LuaSyntax.check(code(template), "TMP");
  }

  /** Penlight's generated source for {@code template}. */
  static String code(String template) {
    StringBuilder code = new StringBuilder(HEADER);
    int textStart = 0;
    int i = 0;
    boolean any = false;
    while (i < template.length()) {
      int end = template.charAt(i) == '$' ? balancedEnd(template, i + 1) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      any = true;
      code.append(APPENDER).append(quoted(template.substring(textStart, i))).append(';');
      code.append(APPENDER).append("__tostring(").append(template, i + 1, end).append(" or '');");
      textStart = end;
      i = end;
    }
    String rest = template.substring(textStart);
    if (!any) {
      return "return " + quoted(rest) + ";";
    }
    if (!rest.isEmpty()) {
      code.append(APPENDER).append(quoted(rest)).append(';');
    }
    return code.append("return __R_table; end").toString();
  }

  /** Lua's {@code %b()} at {@code start}: the index after the closing parenthesis, or -1. */
  private static int balancedEnd(String s, int start) {
    if (start >= s.length() || s.charAt(start) != '(') {
      return -1;
    }
    int depth = 1;
    for (int i = start + 1; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ')') {
        if (--depth == 0) {
          return i + 1;
        }
      } else if (ch == '(') {
        depth++;
      }
    }
    return -1;
  }

  /** Lua's {@code %q}: a string literal that keeps the text's newlines as escaped line breaks. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"' || ch == '\\' || ch == '\n') {
        out.append('\\').append(ch);
      } else if (ch < ' ' || ch == 127) {
        out.append('\\').append(String.format("%03d", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.append('"').toString();
  }
}
