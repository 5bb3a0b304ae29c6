package io.silverback.gateway.plugins.requesttransformer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request-transformer's value templates, rendered without Lua: Kong compiles each value with
 * Penlight's template engine in a sandbox, where {@code $(...)} holds a Lua expression. The
 * expressions Kong's documentation uses are supported: {@code headers.name}, {@code
 * headers["x-name"]}, {@code query_params.name}, {@code uri_captures.name}, {@code
 * uri_captures[1]} and {@code shared.name}, each optionally followed by {@code or "default"};
 * a missing value renders as the empty string, as Penlight's {@code (expr) or ''} does. A value
 * with several entries (a repeated header) renders its first.
 *
 * <p>The core checks at validation that each expression compiles as Lua; one outside this
 * subset fails the request with {@link TemplateException}.
 */
final class Template {
  private static final Pattern EXPR = Pattern.compile(
      "\\s*(headers|query_params|uri_captures|shared)\\s*"
          + "(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:\"([^\"]*)\"|'([^']*)'|([0-9]+))\\s*])\\s*"
          + "(?:or\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*)?");

  private Template() {}

  /**
   * Renders {@code template}.
   *
   * @param lookup the value of {@code table[key]}: a string, a list (first entry used) or null
   * @throws TemplateException when an expression is outside the supported subset
   */
  static String render(String template, Lookup lookup) {
    if (template.indexOf("$(") < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int end = template.charAt(i) == '$' ? balancedEnd(template, i + 1) : -1;
      if (end < 0) {
        out.append(template.charAt(i++));
        continue;
      }
      out.append(evaluate(template.substring(i + 2, end - 1), lookup));
      i = end;
    }
    return out.toString();
  }

  /** The value of one table lookup of the template environment. */
  @FunctionalInterface
  interface Lookup {
    Object get(String table, String key);
  }

  /** A lookup over the four tables of Kong's environment. */
  static Lookup lookup(Map<String, Function<String, Object>> tables) {
    return (table, key) -> tables.get(table).apply(key);
  }

  private static String evaluate(String expression, Lookup lookup) {
    Matcher m = EXPR.matcher(expression);
    if (!m.matches()) {
      throw new TemplateException("request-transformer: template expression '" + expression
          + "' is not supported (headers.x, query_params.x, uri_captures.x, shared.x, with an optional or 'default')");
    }
    String key = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
        : m.group(4) != null ? m.group(4) : m.group(5);
    Object v = lookup.get(m.group(1), key);
    if (v instanceof List<?> list) {
      v = list.isEmpty() ? null : list.get(0);
    }
    if (v == null || Boolean.FALSE.equals(v)) {
      String fallback = m.group(6) != null ? m.group(6) : m.group(7);
      return fallback == null ? "" : fallback;
    }
    return String.valueOf(v);
  }

  /** Lua's {@code %b()} at {@code start}: the index after the closing parenthesis, or -1. */
  private static int balancedEnd(String s, int start) {
    if (start >= s.length() || s.charAt(start) != '(') {
      return -1;
    }
    int depth = 1;
    for (int i = start + 1; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ')' && --depth == 0) {
        return i + 1;
      } else if (ch == '(') {
        depth++;
      }
    }
    return -1;
  }
}
