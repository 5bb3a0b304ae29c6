package io.silverback.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Kong's request id ({@code $kong_request_id}, nginx's {@code $request_id}): 16 random bytes as
 * 32 lower-case hex characters, new for every request. Sent as {@code X-Kong-Request-Id} to the
 * client ({@code headers}) and upstream ({@code headers_upstream}).
 */
final class RequestId {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestId() {}

  /** A fresh id. */
  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    fill(out, 0, random.nextLong());
    fill(out, 16, random.nextLong());
    return new String(out);
  }

  private static void fill(char[] out, int at, long bits) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (bits & 0xf)];
      bits >>>= 4;
    }
  }
}
