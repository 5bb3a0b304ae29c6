package io.silverback.core.typedef;

import java.util.Optional;

/**
 * Name-like typedefs: {@code utf8_name}, {@code name}, {@code tag}, {@code header_name} and {@code
 * cookie_name} ({@code kong/db/schema/typedefs.lua}, {@code kong/tools/http.lua}).
 *
 * <p>Kong checks bytes; these checks take Java strings. Any non-ASCII character is a UTF-8
 * sequence of bytes 0x80..0xF4, which is what Kong's byte classes admit. The only string that
 * cannot be valid UTF-8 is one holding an unpaired surrogate; {@link #utf8Name(String)} and {@link
 * #tag(String)} report it at the byte position Kong would report for its WTF-8 encoding.
 */
public final class Names {
  private static final String COOKIE_FORBIDDEN = " \t()<>@,;:\\\"/?={}[]";

  private Names() {}

  /**
   * typedefs.utf8_name (service, route, upstream, plugin instance names).
   *
   * @param name the value to check
   * @return {@code invalid utf-8 character sequence detected at position N} or {@code invalid value
   *     '<n>': the only accepted ascii characters are alphanumerics or ., -, _, and ~}, empty when
   *     valid
   */
  public static Optional<String> utf8Name(String name) {
    Optional<String> utf8 = utf8Error(name);
    if (utf8.isPresent()) {
      return utf8;
    }
    boolean ok = !name.isEmpty();
    for (int i = 0; i < name.length() && ok; i++) {
      char c = name.charAt(i);
      ok = c >= 0x80 || isNameChar(c);
    }
    return ok
        ? Optional.empty()
        : Optional.of("invalid value '" + name
            + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~");
  }

  /**
   * typedefs.name: ASCII letters, digits and {@code . - _ ~} only.
   *
   * @param name the value to check
   * @return {@code invalid value '<n>': it must only contain alphanumeric and '., -, _, ~'
   *     characters}, empty when valid
   */
  public static Optional<String> name(String name) {
    boolean ok = !name.isEmpty();
    for (int i = 0; i < name.length() && ok; i++) {
      ok = isNameChar(name.charAt(i));
    }
    return ok
        ? Optional.empty()
        : Optional.of("invalid value '" + name
            + "': it must only contain alphanumeric and '., -, _, ~' characters");
  }

  /**
   * typedefs.tag: printable ASCII except {@code ,} and {@code /}, space, or any non-ASCII
   * character.
   *
   * @param tag the value to check
   * @return {@code invalid utf-8 character sequence detected at position N} or {@code invalid tag
   *     '<t>': expected printable ascii (except `,` and `/`) or valid utf-8 sequences}, empty when
   *     valid
   */
  public static Optional<String> tag(String tag) {
    Optional<String> utf8 = utf8Error(tag);
    if (utf8.isPresent()) {
      return utf8;
    }
    boolean ok = !tag.isEmpty();
    for (int i = 0; i < tag.length() && ok; i++) {
      char c = tag.charAt(i);
      ok = c >= 0x80 || (c >= 0x20 && c <= 0x7e && c != ',' && c != '/');
    }
    return ok
        ? Optional.empty()
        : Optional.of("invalid tag '" + tag
            + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences");
  }

  /**
   * typedefs.header_name ({@code validate_header_name}): letters, digits, {@code -} and {@code _}.
   * Kong matches with PCRE {@code ^[a-zA-Z0-9-_]+$}, whose {@code $} also matches before a final
   * newline, so one trailing {@code \n} is accepted as in Kong.
   *
   * @param name the value to check
   * @return {@code no header name provided} or {@code bad header name '<n>', allowed characters
   *     are A-Z, a-z, 0-9, '_', and '-'}, empty when valid
   */
  public static Optional<String> headerName(String name) {
    if (name.isEmpty()) {
      return Optional.of("no header name provided");
    }
    int end = name.endsWith("\n") ? name.length() - 1 : name.length();
    boolean ok = end > 0;
    for (int i = 0; i < end && ok; i++) {
      char c = name.charAt(i);
      ok = Addresses.isDigit(c) || Addresses.isAsciiLetter(c) || c == '-' || c == '_';
    }
    return ok
        ? Optional.empty()
        : Optional.of("bad header name '" + name
            + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
  }

  /**
   * typedefs.cookie_name ({@code validate_http_token}, an RFC 2616 token): no control characters,
   * no DEL, no non-ASCII, no space, tab or separators {@code ()<>@,;:\"/?={}[]}.
   *
   * @param name the value to check
   * @return {@code no token provided} or {@code contains one or more invalid characters. ASCII
   *     control characters (0-31;127), space, tab and the characters ()<>@,;:\"/?={}[] are not
   *     allowed.}, empty when valid
   */
  public static Optional<String> cookieName(String name) {
    if (name.isEmpty()) {
      return Optional.of("no token provided");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c >= 0x7f || COOKIE_FORBIDDEN.indexOf(c) >= 0) {
        return Optional.of("contains one or more invalid characters. ASCII control characters"
            + " (0-31;127), space, tab and the characters ()<>@,;:\\\"/?={}[] are not allowed.");
      }
    }
    return Optional.empty();
  }

  /**
   * Kong's {@code validate_utf8} on the UTF-8 (WTF-8 for lone surrogates) bytes of {@code s}.
   *
   * @param s the value to check
   * @return {@code invalid utf-8 character sequence detected at position N} with N the 1-based
   *     byte offset of the first unpaired surrogate, empty otherwise
   */
  public static Optional<String> utf8Error(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("invalid utf-8 character sequence detected at position " + (bytes + 1));
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    return Optional.empty();
  }

  private static boolean isNameChar(char c) {
    return Addresses.isDigit(c) || Addresses.isAsciiLetter(c)
        || c == '.' || c == '-' || c == '_' || c == '~';
  }
}
