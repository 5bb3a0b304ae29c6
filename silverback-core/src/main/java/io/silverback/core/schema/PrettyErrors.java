package io.silverback.core.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The two text renderings of an {@link ErrorTree} that Kong users see. */
final class PrettyErrors {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Sequence keys first, then other indices, then names: a stable stand-in for Lua's order. */
  static final Comparator<Object> KEY_ORDER =
      Comparator.<Object>comparingInt(k -> k instanceof Integer ? 0 : 1)
          .thenComparing((a, b) -> a instanceof Integer x && b instanceof Integer y
              ? Integer.compare(x, y)
              : String.valueOf(a).compareTo(String.valueOf(b)));

  private PrettyErrors() {}

  static String penlight(ErrorTree tree) {
    StringBuilder sb = new StringBuilder();
    writeTable(sb, tree.entries());
    return sb.toString();
  }

  private static void writeTable(StringBuilder sb, Map<Object, Object> entries) {
    List<Object> keys = new ArrayList<>(entries.keySet());
    keys.sort(KEY_ORDER);
    sb.append('{');
    int seq = 0;
    boolean first = true;
    for (Object k : keys) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (k instanceof Integer i && i == seq + 1) {
        seq = i;
      } else if (k instanceof Integer i) {
        sb.append('[').append(i).append("]=");
      } else if (IDENTIFIER.matcher((String) k).matches()) {
        sb.append(k).append('=');
      } else {
        sb.append("[").append(quote((String) k)).append("]=");
      }
      writeValue(sb, entries.get(k));
    }
    sb.append('}');
  }

  private static void writeValue(StringBuilder sb, Object v) {
    if (v instanceof ErrorTree t) {
      writeTable(sb, t.entries());
    } else if (v instanceof List<?> list) {
      sb.append('{');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(quote(String.valueOf(list.get(i))));
      }
      sb.append('}');
    } else {
      sb.append(quote(String.valueOf(v)));
    }
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static String report(ErrorTree tree) {
    List<String> out = new ArrayList<>();
    report(tree.entries(), "", "", out);
    return String.join("\n", out);
  }

  private static void report(Map<Object, Object> entries, String parent, String indent, List<String> out) {
    List<Object> keys = new ArrayList<>(entries.keySet());
    keys.sort(KEY_ORDER);
    for (Object k : keys) {
      String label = k instanceof Integer ? "- in entry " + k + " of '" + parent + "'" : "in '" + k + "'";
      Object v = entries.get(k);
      if (v instanceof ErrorTree t) {
        out.add(indent + label + ":");
        report(t.entries(), String.valueOf(k), indent + "  ", out);
      } else if (v instanceof List<?> list) {
        out.add(indent + label + ":");
        for (int i = 0; i < list.size(); i++) {
          out.add(indent + "  - in entry " + (i + 1) + " of '" + k + "': " + list.get(i));
        }
      } else {
        out.add(indent + label + ": " + v);
      }
    }
  }
}
