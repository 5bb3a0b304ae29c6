package io.silverback.core.typedef;

import java.util.Optional;

/**
 * Kong's IP and CIDR checks ({@code kong/tools/ip.lua} {@code is_valid_*}) and the typedefs built
 * on them: {@code ip}, {@code ip_or_cidr} and {@code cidr_v4} (which, as in Kong, also accepts a
 * plain IPv4 address).
 *
 * <p>Addresses follow glibc {@code inet_pton} (see {@link InetPton}): {@code 127.0.0.1},
 * {@code ::1}, {@code ::ffff:1.2.3.4} and {@code [::1]} are valid, {@code 127.000.0.1} and
 * {@code 127.} are not. A CIDR is {@code <address>/<prefix>} split at the first slash, where the
 * prefix is written exactly as {@code 0}..{@code 32} (IPv4) or {@code 0}..{@code 128} (IPv6): no
 * sign, no leading zero.
 */
public final class Ips {
  private Ips() {}

  /**
   * is_valid_ipv4.
   *
   * @param ip the value to check
   * @return whether glibc parses it as an IPv4 address
   */
  public static boolean isValidIpv4(String ip) {
    return InetPton.isIpv4(ip);
  }

  /**
   * is_valid_ipv6 (surrounding brackets are tolerated).
   *
   * @param ip the value to check
   * @return whether it is an IPv6 address
   */
  public static boolean isValidIpv6(String ip) {
    return InetPton.isIpv6(ip);
  }

  /**
   * is_valid_ip.
   *
   * @param ip the value to check
   * @return whether it is an IPv4 or IPv6 address
   */
  public static boolean isValidIp(String ip) {
    return InetPton.isIpv4(ip) || InetPton.isIpv6(ip);
  }

  /**
   * is_valid_cidr_v4.
   *
   * @param cidr the value to check
   * @return whether it is {@code <ipv4>/<0..32>}
   */
  public static boolean isValidCidrV4(String cidr) {
    int slash = cidr.indexOf('/');
    return slash >= 0
        && isPrefix(cidr, slash + 1, 32)
        && InetPton.isIpv4(cidr.substring(0, slash));
  }

  /**
   * is_valid_cidr_v6.
   *
   * @param cidr the value to check
   * @return whether it is {@code <ipv6>/<0..128>}
   */
  public static boolean isValidCidrV6(String cidr) {
    int slash = cidr.indexOf('/');
    return slash >= 0
        && isPrefix(cidr, slash + 1, 128)
        && InetPton.isIpv6(cidr.substring(0, slash));
  }

  /**
   * is_valid_cidr.
   *
   * @param cidr the value to check
   * @return whether it is an IPv4 or IPv6 CIDR range
   */
  public static boolean isValidCidr(String cidr) {
    return isValidCidrV4(cidr) || isValidCidrV6(cidr);
  }

  /**
   * is_valid_ip_or_cidr.
   *
   * @param value the value to check
   * @return whether it is an address or a CIDR range of either family
   */
  public static boolean isValidIpOrCidr(String value) {
    return isValidIp(value) || isValidCidr(value);
  }

  /**
   * is_valid_ip_or_cidr_v4.
   *
   * @param value the value to check
   * @return whether it is an IPv4 address or IPv4 CIDR range
   */
  public static boolean isValidIpOrCidrV4(String value) {
    return InetPton.isIpv4(value) || isValidCidrV4(value);
  }

  /**
   * is_valid_ip_or_cidr_v6.
   *
   * @param value the value to check
   * @return whether it is an IPv6 address or IPv6 CIDR range
   */
  public static boolean isValidIpOrCidrV6(String value) {
    return InetPton.isIpv6(value) || isValidCidrV6(value);
  }

  /**
   * typedefs.ip.
   *
   * @param ip the value to check
   * @return {@code not an ip address: <ip>}, empty when valid
   */
  public static Optional<String> ip(String ip) {
    return isValidIp(ip) ? Optional.empty() : Optional.of("not an ip address: " + ip);
  }

  /**
   * typedefs.ip_or_cidr (route {@code sources}/{@code destinations} ip).
   *
   * @param value the value to check
   * @return {@code invalid ip or cidr range: '<value>'}, empty when valid
   */
  public static Optional<String> ipOrCidr(String value) {
    return isValidIpOrCidr(value)
        ? Optional.empty()
        : Optional.of("invalid ip or cidr range: '" + value + "'");
  }

  /**
   * typedefs.cidr_v4 (alias {@code cidr}); a plain IPv4 address is accepted too, as in Kong.
   *
   * @param value the value to check
   * @return {@code invalid ipv4 cidr range: '<value>'}, empty when valid
   */
  public static Optional<String> cidrV4(String value) {
    return isValidIpOrCidrV4(value)
        ? Optional.empty()
        : Optional.of("invalid ipv4 cidr range: '" + value + "'");
  }

  /** Whether {@code s[from..]} is a decimal number 0..max written without sign or leading zero. */
  private static boolean isPrefix(String s, int from, int max) {
    int len = s.length() - from;
    if (len < 1 || len > 3 || (len > 1 && s.charAt(from) == '0')) {
      return false;
    }
    int value = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Addresses.isDigit(c)) {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max;
  }
}
