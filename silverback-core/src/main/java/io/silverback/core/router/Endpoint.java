package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.typedef.IpRanges;
import java.util.List;

/**
 * One entry of a stream route's {@code sources} or {@code destinations}: an address or CIDR range
 * and/or a port, both required when both are set ({@code gen_for_nets} in {@code
 * kong/router/transform.lua}).
 *
 * @param ip the address or range, or null for any address
 * @param cidr whether {@code ip} was written as a range (ranks below an exact address)
 * @param port the port, or -1 for any port
 */
record Endpoint(IpRanges ip, boolean cidr, int port) {
  /** Kong's weights of one endpoint list in a stream route's priority: IP over port over CIDR. */
  private static final int IP_BIT = 1 << 3;
  private static final int PORT_BIT = 1 << 2;
  private static final int CIDR_BIT = 1;

  /**
   * Reads one {@code {ip, port}} record of a validated route.
   *
   * @throws RouterException naming the route when the address does not parse
   */
  static Endpoint of(String routeId, JsonNode entry) {
    JsonNode ip = entry.path("ip");
    int port = entry.path("port").isNumber() ? entry.get("port").asInt() : -1;
    if (!ip.isTextual()) {
      return new Endpoint(null, false, port);
    }
    try {
      return new Endpoint(IpRanges.of(List.of(ip.asText())), ip.asText().contains("/"), port);
    } catch (IllegalArgumentException e) {
      throw new RouterException("route " + routeId + ": " + e.getMessage(), e);
    }
  }

  /** Whether a connection end at {@code address:port} matches. */
  boolean matches(String address, int portNumber) {
    return (port < 0 || port == portNumber) && (ip == null || ip.contains(address));
  }

  /** Kong's {@code calc_ip_weight}: the bits of every kind of entry the list has. */
  static long weight(Endpoint[] endpoints) {
    long weight = 0;
    if (endpoints == null) {
      return weight;
    }
    for (Endpoint e : endpoints) {
      if (e.ip != null) {
        weight |= e.cidr ? CIDR_BIT : IP_BIT;
      }
      if (e.port >= 0) {
        weight |= PORT_BIT;
      }
    }
    return weight;
  }

  /** Whether any endpoint of {@code endpoints} (null: no condition) matches. */
  static boolean any(Endpoint[] endpoints, String address, int portNumber) {
    if (endpoints == null) {
      return true;
    }
    for (Endpoint e : endpoints) {
      if (e.matches(address, portNumber)) {
        return true;
      }
    }
    return false;
  }
}
