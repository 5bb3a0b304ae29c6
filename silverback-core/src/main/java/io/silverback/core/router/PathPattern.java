package io.silverback.core.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a route's {@code paths}: a normalized prefix ({@code http.path ^= "/p"}) or, with a
 * leading {@code ~}, a regex anchored at the start only ({@code "^" .. re} in compat, {@link
 * Matcher#lookingAt()} here).
 *
 * <p>Java names groups with letters and digits only, so named groups ({@code (?<user_id>..)} and
 * Rust's {@code (?P<user_id>..)}) are renamed to {@code g1}, {@code g2} ... for compiling, and the
 * original names are kept for {@link RouteMatch#namedCaptures()}.
 */
final class PathPattern {
  private static final String STOPS = "\\.[()^$|?*+{";
  private static final String QUANTIFIERS = "?*+{";
  private static final int MAX_NAMED_GROUPS = 64;
  private static final String[] JAVA_GROUP_NAMES = new String[MAX_NAMED_GROUPS];

  static {
    for (int i = 0; i < MAX_NAMED_GROUPS; i++) {
      JAVA_GROUP_NAMES[i] = "g" + (i + 1);
    }
  }

  private final String prefix;
  private final Pattern regex;
  private final String literalPrefix;
  private final String requiredLiteral;
  private final List<String> groupNames;

  private PathPattern(String prefix, Pattern regex, String literalPrefix, List<String> groupNames) {
    this.prefix = prefix;
    this.regex = regex;
    this.literalPrefix = literalPrefix;
    this.requiredLiteral = regex == null ? "" : RequiredLiteral.of(regex.pattern());
    this.groupNames = groupNames;
  }

  /**
   * Compiles one route path, normalized as Kong normalizes route paths.
   *
   * @throws RouterException when a regex path does not compile
   */
  static PathPattern of(String routeId, String path) {
    if (!isRegex(path)) {
      String normalized = PathNormalizer.normalize(path);
      String prefix = normalized == null ? path : normalized;
      return new PathPattern(prefix, null, prefix, List.of());
    }
    String body;
    try {
      body = PathNormalizer.normalizeRegex(path.substring(1));
    } catch (RouterException e) {
      throw new RouterException("route " + routeId + ": " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    String java = renameGroups(body, names);
    if (names.size() > MAX_NAMED_GROUPS) {
      throw new RouterException("route " + routeId + ": regex path '" + path + "' has "
          + names.size() + " named groups, more than " + MAX_NAMED_GROUPS);
    }
    try {
      return new PathPattern(null, Pattern.compile(java), literalPrefix(body), List.copyOf(names));
    } catch (PatternSyntaxException e) {
      throw new RouterException("route " + routeId + ": invalid regex path '" + path + "': "
          + e.getDescription(), e);
    }
  }

  /** Kong's {@code is_regex_magic}. */
  static boolean isRegex(String path) {
    return path.startsWith("~");
  }

  /**
   * What every path this pattern matches starts with: the prefix itself, or the literal start of a
   * regex (possibly empty); the router's index files the route under it.
   */
  String literalPrefix() {
    return literalPrefix;
  }

  /**
   * The characters a regex must match literally at its start: up to the first metacharacter, less
   * the last one when a quantifier follows it; nothing when the regex has an alternation anywhere,
   * since a top-level {@code |} would make the start optional.
   */
  static String literalPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int end = 0;
    while (end < regex.length() && STOPS.indexOf(regex.charAt(end)) < 0) {
      end++;
    }
    if (end < regex.length() && QUANTIFIERS.indexOf(regex.charAt(end)) >= 0 && end > 0) {
      end--;
    }
    return regex.substring(0, end);
  }

  /** Matches the normalized request path; null when it does not match. */
  PathHit match(String path) {
    if (regex == null) {
      return path.startsWith(prefix) ? new PathHit(prefix, List.of(), Map.of()) : null;
    }
    if (!requiredLiteral.isEmpty() && !path.contains(requiredLiteral)) {
      return null;
    }
    Matcher m = regex.matcher(path);
    if (!m.lookingAt()) {
      return null;
    }
    return new PathHit(m.group(), captures(m), named(m));
  }

  /** Positional captures, null for a group that took no part; empty when no group took part. */
  private static List<String> captures(Matcher m) {
    String[] out = new String[m.groupCount() + 1];
    boolean any = false;
    for (int g = 0; g < out.length; g++) {
      out[g] = m.group(g);
      any |= g > 0 && out[g] != null;
    }
    return any ? Collections.unmodifiableList(Arrays.asList(out)) : List.of();
  }

  private Map<String, String> named(Matcher m) {
    if (groupNames.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < groupNames.size(); i++) {
      String value = m.group(JAVA_GROUP_NAMES[i]);
      if (value != null) {
        out.put(groupNames.get(i), value);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Rewrites {@code (?<name>} and {@code (?P<name>} to {@code (?<gN>}, skipping escapes and
   * character classes, where a parenthesis is literal.
   */
  static String renameGroups(String regex, List<String> names) {
    StringBuilder out = new StringBuilder(regex.length());
    boolean inClass = false;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(i + 1));
        i += 2;
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
        i++;
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        i++;
        i = copyClassStart(regex, i, out);
      } else {
        int open = namedGroupAt(regex, i);
        int close = open < 0 ? -1 : regex.indexOf('>', open);
        if (close < 0) {
          out.append(c);
          i++;
        } else {
          names.add(regex.substring(open, close));
          out.append("(?<g").append(names.size()).append('>');
          i = close + 1;
        }
      }
    }
    return out.toString();
  }

  /** A {@code ^} and a {@code ]} right after {@code [} belong to the class. */
  private static int copyClassStart(String regex, int start, StringBuilder out) {
    int i = start;
    if (i < regex.length() && regex.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      out.append(']');
      i++;
    }
    return i;
  }

  /** Where the name starts when a named group opens at {@code i}, else -1. */
  private static int namedGroupAt(String regex, int i) {
    if (regex.startsWith("(?P<", i)) {
      return i + 4;
    }
    if (regex.startsWith("(?<", i) && i + 3 < regex.length()
        && regex.charAt(i + 3) != '=' && regex.charAt(i + 3) != '!') {
      return i + 3;
    }
    return -1;
  }

  /**
   * What a path matched.
   *
   * @param prefix the matched part (the prefix, or the whole regex match)
   * @param captures positional captures when a group took part, else empty
   * @param named named captures that took part
   */
  record PathHit(String prefix, List<String> captures, Map<String, String> named) {}
}
