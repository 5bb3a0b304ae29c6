package io.silverback.core.typedef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path typedefs ({@code path}, {@code router_path}) and Kong's path normalization ({@code
 * kong/tools/uri.lua} {@code normalize(path, true)}).
 *
 * <p>Kong's validator order is kept, including its quirks: a {@code router_path} containing a
 * character outside RFC 3986 skips the percent-encoding check entirely (the RFC check bails out
 * first and {@code router_path} ignores that failure), and a regex path never gets a percent error
 * because it starts with {@code ~}.
 */
public final class Paths {
  private static final String RESERVED = "!*'();:@&=+$,/?%#[]";
  private static final String RFC3986_EXTRA = "._~/%:@!$&'()*+,;=-";

  private Paths() {}

  /**
   * typedefs.path (service path and similar).
   *
   * @param path the value to check
   * @return {@code should start with: /}, {@code must not have empty segments}, {@code invalid
   *     path: '<p>' (characters outside of the reserved list of RFC 3986 found)} or {@code invalid
   *     url-encoded value: '<fragment>'}, empty when valid
   */
  public static Optional<String> path(String path) {
    if (!path.startsWith("/")) {
      return Optional.of("should start with: /");
    }
    if (path.contains("//")) {
      return Optional.of("must not have empty segments");
    }
    if (!isRfc3986Path(path)) {
      return Optional.of(rfc3986Error(path));
    }
    return percentError(path);
  }

  /**
   * typedefs.router_path (elements of route {@code paths}): a prefix path that is already in
   * normalized form, or {@code ~} followed by a regex that compiles as PCRE.
   *
   * @param path the value to check
   * @return {@code should start with: / (fixed path) or ~/ (regex path)}, {@code must not have
   *     empty segments}, {@code invalid url-encoded value: '<fragment>'}, {@code non-normalized
   *     path, consider use '<normalized>' instead} or {@code invalid regex: '<re>' (PCRE returned:
   *     <pcre2_compile message>)}, empty when valid
   */
  public static Optional<String> routerPath(String path) {
    if (!path.startsWith("/") && !path.startsWith("~/")) {
      return Optional.of("should start with: / (fixed path) or ~/ (regex path)");
    }
    if (path.contains("//")) {
      return Optional.of("must not have empty segments");
    }
    if (isRfc3986Path(path)) {
      Optional<String> percent = percentError(path);
      if (percent.isPresent()) {
        return percent;
      }
    }
    if (path.charAt(0) != '~') {
      String normalized = normalize(path);
      return normalized.equals(path)
          ? Optional.empty()
          : Optional.of("non-normalized path, consider use '" + normalized + "' instead");
    }
    String regex = path.substring(1);
    return Regexes.compileError(regex)
        .map(error -> "invalid regex: '" + regex + "' (PCRE returned: " + error + ")");
  }

  /**
   * Kong's {@code normalize(path, true)}: decodes percent triplets of every byte that is not
   * reserved ({@code !*'();:@&=+$,/?%#[]}), upper-cases the hex of the remaining triplets, removes
   * dot segments (RFC 3986 5.2.4; {@code %2E} counts as a dot once decoded) and merges repeated
   * slashes.
   *
   * <p>Decoded bytes are assembled as UTF-8 (see {@link PercentDecoder}).
   *
   * @param path the path to normalize; need not start with {@code /}
   * @return the normalized path ({@code path} itself when nothing changes)
   */
  public static String normalize(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return path;
    }
    String uri = PercentDecoder.decode(path, Paths::keptByNormalize);
    if (uri.indexOf('.') < 0 && !uri.contains("//")) {
      return uri;
    }
    return removeDotSegments(uri);
  }

  private static String keptByNormalize(int value) {
    return RESERVED.indexOf(value) >= 0 ? PercentDecoder.upperTriplet(value) : null;
  }

  /**
   * The segment loop of Kong's normalize with {@code merge_slashes}: each output segment keeps its
   * leading slash, {@code /..} pops the last one, and an empty segment between slashes is dropped.
   */
  private static String removeDotSegments(String path) {
    List<String> output = new ArrayList<>();
    String uri = path;
    while (!uri.isEmpty()) {
      if (uri.equals("/.")) {
        uri = "/";
      } else if (uri.equals("/..")) {
        uri = "/";
        pop(output);
      } else if (uri.equals(".") || uri.equals("..")) {
        uri = "";
      } else if (uri.startsWith("../")) {
        uri = uri.substring(3);
      } else if (uri.startsWith("./")) {
        uri = uri.substring(2);
      } else if (uri.startsWith("/./")) {
        uri = uri.substring(2);
      } else if (uri.startsWith("/../")) {
        uri = uri.substring(3);
        pop(output);
      } else if (uri.startsWith("//")) {
        uri = uri.substring(1);
      } else {
        int slash = uri.indexOf('/', 1);
        int end = slash < 0 ? uri.length() : slash;
        output.add(uri.substring(0, end));
        uri = uri.substring(end);
      }
    }
    return String.join("", output);
  }

  private static void pop(List<String> output) {
    if (!output.isEmpty()) {
      output.remove(output.size() - 1);
    }
  }

  /** Lua {@code ^/[%w%.%-%_%~%/%%%:%@%!%$%&%'%(%)%*%+%,%;%=]*$}. */
  private static boolean isRfc3986Path(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    for (int i = 1; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean ok = Addresses.isDigit(c) || Addresses.isAsciiLetter(c)
          || RFC3986_EXTRA.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String rfc3986Error(String path) {
    return "invalid path: '" + path
        + "' (characters outside of the reserved list of RFC 3986 found)";
  }

  /**
   * Kong replaces every valid {@code %XX} by {@code ___} and, if a {@code %} is left, reports it
   * with up to two following characters of that rewritten text (so {@code /%%20} reports {@code
   * %__}).
   */
  private static Optional<String> percentError(String path) {
    StringBuilder raw = null;
    int i = 0;
    while (i < path.length()) {
      if (path.charAt(i) != '%') {
        i++;
      } else if (PercentDecoder.tripletAt(path, i) >= 0) {
        i += 3;
      } else {
        raw = new StringBuilder("%");
        i++;
        break;
      }
    }
    if (raw == null) {
      return Optional.empty();
    }
    while (raw.length() < 3 && i < path.length()) {
      boolean triplet = PercentDecoder.tripletAt(path, i) >= 0;
      raw.append(triplet ? "___" : String.valueOf(path.charAt(i)));
      i += triplet ? 3 : 1;
    }
    String fragment = raw.substring(0, Math.min(3, raw.length()));
    return Optional.of("invalid url-encoded value: '" + fragment + "'");
  }
}
