package io.silverback.core.declarative;

import io.silverback.core.typedef.PercentDecoder;
import io.silverback.core.typedef.Paths;

/**
 * The on-the-fly route path migration applied to declarative files with {@code _format_version}
 * 1.1 or 2.1 ({@code kong/db/declarative/migrations/route_path.lua}, which calls {@code
 * kong/db/migrations/migrate_path_280_300.lua}).
 *
 * <p>Before 3.0 a path was a regex whenever it used regex syntax; since 3.0 it must say so with a
 * leading {@code ~}, and prefix paths are no longer percent-decoded at match time. A plain path
 * (only {@code [A-Za-z0-9.-_~/%]}) is therefore normalized once, and anything else becomes
 * {@code ~} + the path with its percent-escapes decoded: reserved characters stay encoded (hex
 * upper-cased), regex metacharacters decode to their escaped form ({@code %2E} to {@code \.}),
 * other bytes decode to themselves.
 */
public final class LegacyRoutePaths {
  private static final String RESERVED = "!#$%&'()*+,/:;=?@[]";
  private static final String PLAIN_CHARS = ".-_~/%";
  private static final String META = ".^-{}\\|";

  private LegacyRoutePaths() {}

  /**
   * Rewrites one pre-3.0 route path to its 3.0 form, e.g. {@code /regex.+} to {@code ~/regex.+}
   * and {@code /plain/%7Efoo} to {@code /plain/~foo}.
   *
   * @param path the path as written in a 1.1 or 2.1 file
   * @return the 3.0 path (the input itself when nothing changes)
   */
  public static String migrate(String path) {
    if (isPlain(path)) {
      return Paths.normalize(path);
    }
    return "~" + PercentDecoder.decode(path, LegacyRoutePaths::keptInRegex);
  }

  /**
   * Kong tests {@code [a-zA-Z0-9\.\-_~/%]*$} anchored at the start with PCRE, whose {@code $} also
   * matches before a final newline.
   */
  private static boolean isPlain(String path) {
    int end = path.endsWith("\n") ? path.length() - 1 : path.length();
    for (int i = 0; i < end; i++) {
      char c = path.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || PLAIN_CHARS.indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  private static String keptInRegex(int value) {
    if (RESERVED.indexOf(value) >= 0) {
      return PercentDecoder.upperTriplet(value);
    }
    return META.indexOf(value) >= 0 ? "\\" + (char) value : null;
  }
}
