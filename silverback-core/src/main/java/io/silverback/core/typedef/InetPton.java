package io.silverback.core.typedef;

/**
 * The address parsers behind Kong's {@code kong.tools.ip.is_valid_*}: lua-resty-ipmatcher passes
 * the string through LuaJIT FFI to glibc {@code inet_pton}. This class reproduces glibc's accept
 * rules, which are stricter than {@link Addresses}: IPv4 octets must not have leading zeros, IPv6
 * may end in an embedded IPv4 address, and no brackets or ports are allowed.
 *
 * <p>The string is cut at the first NUL character, as a C string would be.
 */
final class InetPton {
  private InetPton() {}

  /** glibc {@code inet_pton(AF_INET, ...)}: exactly four decimal octets, no leading zeros. */
  static boolean isIpv4(String s) {
    return ipv4End(s, 0, cStringEnd(s)) > 0;
  }

  /**
   * resty.ipmatcher {@code parse_ipv6}: strips one pair of surrounding brackets, then glibc {@code
   * inet_pton(AF_INET6, ...)}.
   */
  static boolean isIpv6(String s) {
    String ip = s;
    if (ip.length() >= 2 && ip.charAt(0) == '[' && ip.charAt(ip.length() - 1) == ']') {
      ip = ip.substring(1, ip.length() - 1);
    }
    return isIpv6Literal(ip, cStringEnd(ip));
  }

  /**
   * Parses an IPv4 address in {@code s[from, to)}.
   *
   * @return {@code to} when the whole range is a valid address, else -1
   */
  private static int ipv4End(String s, int from, int to) {
    int octets = 0;
    int value = 0;
    boolean sawDigit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Addresses.isDigit(c)) {
        if (sawDigit && value == 0) {
          return -1;
        }
        value = value * 10 + (c - '0');
        if (value > 255) {
          return -1;
        }
        if (!sawDigit) {
          if (++octets > 4) {
            return -1;
          }
          sawDigit = true;
        }
      } else if (c == '.' && sawDigit) {
        if (octets == 4) {
          return -1;
        }
        value = 0;
        sawDigit = false;
      } else {
        return -1;
      }
    }
    return octets == 4 && sawDigit ? to : -1;
  }

  private static boolean isIpv6Literal(String s, int end) {
    int pos = 0;
    if (pos == end) {
      return false;
    }
    if (s.charAt(pos) == ':' && (++pos == end || s.charAt(pos) != ':')) {
      return false;
    }
    int bytes = 0;
    int gapAt = -1;
    int digits = 0;
    int tokenStart = pos;
    while (pos < end) {
      char c = s.charAt(pos++);
      if (Addresses.isHexDigit(c)) {
        if (++digits > 4) {
          return false;
        }
        continue;
      }
      if (c == ':') {
        tokenStart = pos;
        if (digits == 0) {
          if (gapAt >= 0) {
            return false;
          }
          gapAt = bytes;
          continue;
        }
        if (pos == end || bytes + 2 > 16) {
          return false;
        }
        bytes += 2;
        digits = 0;
        continue;
      }
      if (c == '.' && bytes + 4 <= 16 && ipv4End(s, tokenStart, end) > 0) {
        bytes += 4;
        digits = 0;
        break;
      }
      return false;
    }
    if (digits > 0) {
      if (bytes + 2 > 16) {
        return false;
      }
      bytes += 2;
    }
    if (gapAt >= 0) {
      return bytes != 16;
    }
    return bytes == 16;
  }

  private static int cStringEnd(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s.length() : nul;
  }
}
