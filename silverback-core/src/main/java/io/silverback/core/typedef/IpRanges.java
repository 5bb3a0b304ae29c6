package io.silverback.core.typedef;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IPv4 and IPv6 addresses and CIDR ranges (lua-resty-ipmatcher's job in Kong). An
 * address is a range of its full length. IPv4 and IPv6 never match each other, except that an
 * IPv4-mapped IPv6 client address ({@code ::ffff:10.0.0.1}) is its IPv4 address. Used by the
 * ip-restriction plugin and by the proxy's {@code trusted_ips}. Immutable.
 */
public final class IpRanges {
  /** No address at all. */
  public static final IpRanges NONE = new IpRanges(List.of());

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  private IpRanges(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses {@code entries}, each an address or {@code address/prefix} as the schema accepts them.
   *
   * @throws IllegalArgumentException when an entry is not an IP address or CIDR range
   */
  public static IpRanges of(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      String ip = slash < 0 ? entry : entry.substring(0, slash);
      byte[] address = bytes(ip);
      if (address == null) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
      }
      int prefix = slash < 0 ? address.length * 8 : prefix(entry, entry.substring(slash + 1), address.length * 8);
      ranges.add(new Range(address, prefix));
    }
    return new IpRanges(List.copyOf(ranges));
  }

  private static int prefix(String entry, String text, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length (0 to " + max + ")");
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether {@code ip} (a literal address) is in one of the ranges; false for anything else. */
  public boolean contains(String ip) {
    byte[] address = bytes(ip);
    if (address == null) {
      return false;
    }
    for (Range r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code ip} is a literal IPv4 or IPv6 address (brackets allowed); never a DNS lookup. */
  public static boolean isAddress(String ip) {
    return bytes(ip) != null;
  }

  /** The bytes of a literal address; null for anything that is not one (never a DNS lookup). */
  private static byte[] bytes(String ip) {
    String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    if (!Ips.isValidIp(literal)) {
      return null;
    }
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
