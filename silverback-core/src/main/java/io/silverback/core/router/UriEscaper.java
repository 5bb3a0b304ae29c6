package io.silverback.core.router;

import java.nio.charset.StandardCharsets;

/**
 * Kong's {@code escape} of the upstream URI ({@code kong/tools/uri.lua}, applied by {@code
 * kong/runloop/handler.lua} to the router's {@code upstream_uri}): every character outside {@code
 * !#$&'()*+,/:;=?@[]}, letters, digits, {@code -_.~} and {@code %} is percent-encoded (upper-case
 * hex, one triplet per UTF-8 byte). Reserved triplets the normalizer kept stay as they are.
 */
public final class UriEscaper {
  private static final boolean[] SAFE = new boolean[128];

  static {
    for (char c : "!#$&'()*+,/:;=?@[]-_.~%".toCharArray()) {
      SAFE[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      SAFE[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      SAFE[c] = true;
      SAFE[Character.toLowerCase(c)] = true;
    }
  }

  private UriEscaper() {}

  /**
   * Escapes {@code uri} for the upstream request line.
   *
   * @param uri a normalized path
   * @return the escaped path ({@code uri} itself when nothing needs escaping)
   */
  public static String escape(String uri) {
    int first = firstUnsafe(uri);
    if (first < 0) {
      return uri;
    }
    StringBuilder out = new StringBuilder(uri.length() + 16).append(uri, 0, first);
    int i = first;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      if (c < 128 && SAFE[c]) {
        out.append(c);
        i++;
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < uri.length() ? i + 2 : i + 1;
      for (byte b : uri.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(hex((b >> 4) & 15)).append(hex(b & 15));
      }
      i = end;
    }
    return out.toString();
  }

  private static int firstUnsafe(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c >= 128 || !SAFE[c]) {
        return i;
      }
    }
    return -1;
  }

  private static char hex(int digit) {
    return (char) (digit < 10 ? '0' + digit : 'A' + digit - 10);
  }
}
