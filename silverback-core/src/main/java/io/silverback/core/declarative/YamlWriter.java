package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Block-style YAML for declarative exports, written directly rather than through SnakeYAML's
 * emitter, which analyses every scalar for the style it could take and spent three quarters of a
 * 100k-entity export doing so. The output needs no such analysis because its styles are fixed:
 * strings are always double-quoted with JSON's escapes (valid YAML 1.2, and YAML 1.1 as
 * SnakeYAML reads it, once the characters YAML treats as line breaks or does not print are
 * escaped too), multi-line strings that are plain text (PEM certificates and keys) are literal
 * blocks, keys are plain when they are identifiers, numbers and booleans as JSON writes them.
 * Sequences under a key are not indented ({@code key:\n- item}), as SnakeYAML writes them.
 */
final class YamlWriter {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern RESERVED = Pattern.compile(
      "(?i)null|true|false|yes|no|on|off|y|n|~|nan|inf");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final Writer out;

  YamlWriter(Writer out) {
    this.out = out;
  }

  /** A top-level {@code key: value} pair. */
  void field(String key, JsonNode value) throws IOException {
    entry(key, value, 0);
  }

  /** A top-level key whose value is a sequence of mappings, written one by one. */
  void sequenceStart(String key) throws IOException {
    key(key);
    out.write(":\n");
  }

  /** One mapping item of the sequence opened by {@link #sequenceStart}. */
  void sequenceItem(JsonNode mapping) throws IOException {
    item(mapping, 0);
  }

  private void entry(String key, JsonNode value, int indent) throws IOException {
    key(key);
    out.write(':');
    if (value.isObject() && !value.isEmpty()) {
      out.write('\n');
      mapping(value, indent + 2);
    } else if (value.isArray() && !value.isEmpty()) {
      out.write('\n');
      for (JsonNode item : value) {
        item(item, indent);
      }
    } else {
      out.write(' ');
      scalar(value, indent);
      out.write('\n');
    }
  }

  /** {@code - value} at {@code indent}; a mapping's first entry shares the dash's line. */
  private void item(JsonNode value, int indent) throws IOException {
    spaces(indent);
    out.write("- ");
    if (value.isObject() && !value.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      boolean first = true;
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!first) {
          spaces(indent + 2);
        }
        entry(e.getKey(), e.getValue(), indent + 2);
        first = false;
      }
    } else if (value.isArray() && !value.isEmpty()) {
      out.write('\n');
      for (JsonNode inner : value) {
        item(inner, indent + 2);
      }
    } else {
      scalar(value, indent + 2);
      out.write('\n');
    }
  }

  private void mapping(JsonNode value, int indent) throws IOException {
    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      spaces(indent);
      entry(e.getKey(), e.getValue(), indent);
    }
  }

  private void scalar(JsonNode v, int indent) throws IOException {
    if (v == null || v.isNull() || v.isMissingNode()) {
      out.write("null");
    } else if (v.isObject()) {
      out.write("{}");
    } else if (v.isArray()) {
      out.write("[]");
    } else if (v.isTextual()) {
      string(v.textValue(), indent);
    } else {
      out.write(v.toString());
    }
  }

  private void key(String key) throws IOException {
    if (PLAIN_KEY.matcher(key).matches() && !RESERVED.matcher(key).matches()) {
      out.write(key);
    } else {
      quoted(key);
    }
  }

  private void string(String s, int indent) throws IOException {
    if (literalBlockFits(s)) {
      literal(s, indent);
    } else {
      quoted(s);
    }
  }

  /**
   * A literal block keeps multi-line text readable. It is used only where it reads back exactly:
   * printable text with line feeds, no carriage returns or tabs, and a first line that does not
   * start with a space (which would need an indentation indicator).
   */
  private static boolean literalBlockFits(String s) {
    if (s.indexOf('\n') < 0 || s.startsWith(" ") || s.startsWith("\n")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\n' && c != '"' && c != '\\' && needsEscape(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code |-} (no final line break), {@code |} (one) or {@code |+} (more, kept as empty lines). */
  private void literal(String s, int indent) throws IOException {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    int trailing = s.length() - end;
    out.write(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    int start = 0;
    while (start <= end) {
      int nl = s.indexOf('\n', start);
      int stop = nl < 0 || nl > end ? end : nl;
      out.write('\n');
      if (stop > start) {
        spaces(indent + 2);
        out.write(s, start, stop - start);
      }
      start = stop + 1;
    }
    for (int i = 1; i < trailing; i++) {
      out.write('\n');
    }
  }

  private void quoted(String s) throws IOException {
    out.write('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = escape(c);
      if (escape == null) {
        continue;
      }
      out.write(s, run, i - run);
      out.write(escape);
      run = i + 1;
    }
    out.write(s, run, s.length() - run);
    out.write('"');
  }

  private static String escape(char c) {
    switch (c) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\t': return "\\t";
      case '\r': return "\\r";
      default:
        if (!needsEscape(c)) {
          return null;
        }
        return "\\u" + HEX[c >> 12 & 0xF] + HEX[c >> 8 & 0xF] + HEX[c >> 4 & 0xF] + HEX[c & 0xF];
    }
  }

  /**
   * Characters a double-quoted YAML scalar must not hold raw: C0 and C1 controls, DEL, the
   * characters YAML 1.1 reads as line breaks (NEL, LS, PS), the BOM and the non-characters.
   * Surrogates are left alone: a valid pair is printable, and Java writes it as one code point.
   */
  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0x9F)
        || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
  }

  private void spaces(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.write(' ');
    }
  }
}
