package io.silverback.core.typedef;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Selective percent-decoding as Kong does it with {@code ngx.re.gsub(s, "%([\dA-F]{2})", fn,
 * "joi")}: every {@code %XX} triplet (hex digits in either case) is either kept in some textual
 * form or decoded to its byte.
 *
 * <p>Kong works on bytes; Java strings hold characters. Runs of decoded bytes are therefore
 * assembled as UTF-8, so {@code %C3%B8} becomes {@code ø}; bytes that do not form valid UTF-8
 * (such as {@code %FF}) become U+FFFD, where Kong would keep the raw byte. Whether the result
 * differs from the input, which is what the validators decide on, is preserved.
 */
public final class PercentDecoder {
  private PercentDecoder() {}

  /**
   * Decodes the percent triplets of {@code s} that the policy does not keep.
   *
   * @param s the text to decode
   * @param kept maps a byte value (0..255) to the text that replaces its triplet, or to {@code
   *     null} when the byte should be decoded
   * @return {@code s} itself when no triplet changes, else the decoded text
   */
  public static String decode(String s, IntFunction<String> kept) {
    int first = firstChange(s, kept);
    if (first < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
    byte[] pending = new byte[s.length() / 3];
    int count = 0;
    int i = first;
    while (i < s.length()) {
      int value = tripletAt(s, i);
      String replacement = value < 0 ? null : kept.apply(value);
      if (value >= 0 && replacement == null) {
        pending[count++] = (byte) value;
        i += 3;
        continue;
      }
      // Decoded bytes are complete once anything else follows: assemble them as UTF-8.
      appendUtf8(out, pending, count);
      count = 0;
      if (value < 0) {
        out.append(s.charAt(i++));
      } else {
        out.append(replacement);
        i += 3;
      }
    }
    appendUtf8(out, pending, count);
    return out.toString();
  }

  /** Index of the first triplet that decoding changes, or -1 so that callers get {@code s} back. */
  private static int firstChange(String s, IntFunction<String> kept) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      int value = tripletAt(s, i);
      if (value >= 0) {
        String replacement = kept.apply(value);
        if (replacement == null || !s.startsWith(replacement, i) || replacement.length() != 3) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * The byte value of the {@code %XX} triplet starting at {@code i}, or -1 when there is none.
   *
   * @param s the text
   * @param i the index to look at
   * @return 0..255, or -1
   */
  static int tripletAt(String s, int i) {
    if (s.charAt(i) != '%' || i + 2 >= s.length()) {
      return -1;
    }
    int high = hexValue(s.charAt(i + 1));
    int low = hexValue(s.charAt(i + 2));
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  /**
   * The upper-case form of the triplet for a byte value, e.g. {@code %2F}.
   *
   * @param value 0..255
   * @return the triplet text
   */
  public static String upperTriplet(int value) {
    return "%" + Character.toUpperCase(Character.forDigit(value >> 4, 16))
        + Character.toUpperCase(Character.forDigit(value & 15, 16));
  }

  private static void appendUtf8(StringBuilder out, byte[] bytes, int count) {
    if (count > 0) {
      out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
    }
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
