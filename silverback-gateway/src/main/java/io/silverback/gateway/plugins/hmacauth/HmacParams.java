package io.silverback.gateway.plugins.hmacauth;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an {@code hmac} authorization header, parsed with access.lua's (greedy) pattern.
 *
 * @param username the credential's username
 * @param algorithm {@code hmac-sha1}, {@code hmac-sha256}, ...
 * @param headers the signed headers, in order (split at single spaces, as Kong's {@code splitn})
 * @param signature the base64 signature
 */
record HmacParams(String username, String algorithm, List<String> headers, String signature) {
  private static final Pattern HMAC = Pattern.compile(
      "\\s*[Hh]mac\\s*username=\"(.+)\",\\s*algorithm=\"(.+)\",\\s*headers=\"(.+)\",\\s*signature=\"(.+)\"");

  /** The fields of {@code header}, or null when it is absent or not an hmac header. */
  static HmacParams parse(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = HMAC.matcher(header);
    if (!m.find()) {
      return null;
    }
    return new HmacParams(m.group(1), m.group(2), List.of(m.group(3).split(" ", -1)), m.group(4));
  }
}
