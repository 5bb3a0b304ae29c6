package io.silverback.core.router;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Kong's path normalization ({@code kong/tools/uri.lua} {@code normalize(uri, true)}, and the
 * regex-path variant of {@code kong/db/migrations/migrate_path_280_300.lua}), plus the router's
 * {@code sanitize_uri_postfix} ({@code kong/router/utils.lua}).
 *
 * <p>Request paths go through RFC 3986's steps: percent triplets of reserved characters are kept
 * with upper-case hex, every other triplet is decoded, dot segments are removed and repeated
 * slashes merged. Kong works on bytes; decoded runs are assembled here as UTF-8, and a run that is
 * not valid UTF-8 makes the path unroutable, as Kong's router refuses such a path (spec "gracefully
 * handles invalid utf-8 sequences").
 */
public final class PathNormalizer {
  private static final String RESERVED = "!*'();:@&=+$,/?%#[]";
  private static final String REGEX_META = ".^-{}\\|";

  private PathNormalizer() {}

  /**
   * Normalizes a request path before matching (steps 1 to 4).
   *
   * @param path the raw path, without the query string
   * @return the normalized path, or null when decoding yields bytes that are not UTF-8
   */
  public static String normalize(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return path;
    }
    String uri = path.indexOf('%') < 0 ? path : decode(path, false);
    if (uri == null) {
      return null;
    }
    if (uri.indexOf('.') < 0 && !uri.contains("//")) {
      return uri;
    }
    return removeDotSegments(uri);
  }

  /**
   * Normalizes the regex of a route path ({@code ~} already removed): steps 1 and 2 only, and a
   * decoded regex metacharacter is escaped with a backslash so that it still means itself.
   *
   * @param regex the route's regex
   * @return the regex to compile ({@code regex} itself when it has no percent triplet)
   * @throws RouterException when a decoded run is not UTF-8
   */
  public static String normalizeRegex(String regex) {
    if (regex.indexOf('%') < 0) {
      return regex;
    }
    String out = decode(regex, true);
    if (out == null) {
      throw new RouterException("regex path '" + regex + "' decodes to bytes that are not UTF-8");
    }
    return out;
  }

  /**
   * Kong's {@code sanitize_uri_postfix}: {@code .} and {@code ..} become empty, and a leading
   * {@code ./} or {@code ../} is dropped.
   *
   * @param postfix the part of the path after the matched prefix
   * @return the sanitized postfix
   */
  public static String sanitizePostfix(String postfix) {
    if (postfix.isEmpty()) {
      return postfix;
    }
    if (postfix.equals(".") || postfix.equals("..")) {
      return "";
    }
    if (postfix.startsWith("./")) {
      return postfix.substring(2);
    }
    if (postfix.startsWith("../")) {
      return postfix.substring(3);
    }
    return postfix;
  }

  private static String decode(String s, boolean regex) {
    StringBuilder out = new StringBuilder(s.length());
    byte[] pending = new byte[s.length() / 3 + 1];
    int count = 0;
    int i = 0;
    while (i < s.length()) {
      int value = tripletAt(s, i);
      String kept = value < 0 ? null : kept(value, regex);
      if (value >= 0 && kept == null) {
        pending[count++] = (byte) value;
        i += 3;
        continue;
      }
      if (!appendUtf8(out, pending, count)) {
        return null;
      }
      count = 0;
      if (value < 0) {
        out.append(s.charAt(i++));
      } else {
        out.append(kept);
        i += 3;
      }
    }
    return appendUtf8(out, pending, count) ? out.toString() : null;
  }

  private static String kept(int value, boolean regex) {
    if (RESERVED.indexOf(value) >= 0) {
      return "%" + hex(value >> 4) + hex(value & 15);
    }
    return regex && REGEX_META.indexOf(value) >= 0 ? "\\" + (char) value : null;
  }

  private static char hex(int digit) {
    return (char) (digit < 10 ? '0' + digit : 'A' + digit - 10);
  }

  private static boolean appendUtf8(StringBuilder out, byte[] bytes, int count) {
    if (count == 0) {
      return true;
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, 0, count));
      out.append(chars);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int tripletAt(String s, int i) {
    if (s.charAt(i) != '%' || i + 2 >= s.length()) {
      return -1;
    }
    int high = Character.digit(s.charAt(i + 1), 16);
    int low = Character.digit(s.charAt(i + 2), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  /**
   * The segment loop of Kong's normalize with {@code merge_slashes}: each output segment keeps its
   * leading slash, {@code /..} pops the last one, and empty segments are dropped. Segment starts
   * are kept on a stack of offsets into the output so that popping is a truncation.
   */
  private static String removeDotSegments(String uri) {
    StringBuilder out = new StringBuilder(uri.length());
    int[] starts = new int[uri.length() + 1];
    int depth = 0;
    int i = 0;
    int n = uri.length();
    while (i < n) {
      if (isAt(uri, i, "/.") && i + 2 == n) {
        out.append('/');
        i = n;
      } else if (isAt(uri, i, "/..") && i + 3 == n) {
        depth = pop(out, starts, depth);
        out.append('/');
        i = n;
      } else if (uri.startsWith(".", i) && (i + 1 == n || isAt(uri, i, "..") && i + 2 == n)) {
        i = n;
      } else if (isAt(uri, i, "../")) {
        i += 3;
      } else if (isAt(uri, i, "./")) {
        i += 2;
      } else if (isAt(uri, i, "/./")) {
        i += 2;
      } else if (isAt(uri, i, "/../")) {
        i += 3;
        depth = pop(out, starts, depth);
      } else if (isAt(uri, i, "//")) {
        i += 1;
      } else {
        int slash = uri.indexOf('/', i + 1);
        int end = slash < 0 ? n : slash;
        starts[depth++] = out.length();
        out.append(uri, i, end);
        i = end;
      }
    }
    return out.toString();
  }

  private static boolean isAt(String s, int i, String token) {
    return s.startsWith(token, i);
  }

  private static int pop(StringBuilder out, int[] starts, int depth) {
    if (depth == 0) {
      return 0;
    }
    out.setLength(starts[depth - 1]);
    return depth - 1;
  }
}
