package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One stream route ready for matching: AND across {@code sources}, {@code destinations} and
 * {@code snis}, OR within one; a field the route does not set is null and always matches.
 *
 * @param route the route, reported on a match
 * @param service the route's service, or null
 * @param id the route id, lower case, which breaks priority ties
 * @param priority compat's stream priority ({@link #priority(HostPattern[], Endpoint[], Endpoint[])})
 * @param protocols the served protocols the route lists ({@code tcp}, {@code tls})
 * @param sources the client ends that match, or null
 * @param destinations the local ends that match, or null
 * @param snis the SNIs that match a {@code tls} connection, or null
 */
record StreamRoute(Entity route, Entity service, String id, long priority, Set<String> protocols,
    Endpoint[] sources, Endpoint[] destinations, HostPattern[] snis) {
  /** The stream protocols this proxy serves; {@code udp} and {@code tls_passthrough} it does not. */
  static final Set<String> SERVED = Set.of("tcp", "tls");
  /** Compat's stream match weight: set by {@code snis}, or by {@code sources} with {@code destinations}. */
  private static final long SNI_OR_BOTH_ENDS = 1L << 61;

  /**
   * Compiles a stream route of a validated configuration.
   *
   * @throws RouterException naming the route when an address does not parse
   */
  static StreamRoute of(Entity route, Entity service) {
    String id = route.id().toLowerCase(Locale.ROOT);
    Set<String> protocols = new LinkedHashSet<>();
    route.get("protocols").forEach(p -> protocols.add(p.asText()));
    protocols.retainAll(SERVED);
    Endpoint[] sources = endpoints(id, route.get("sources"));
    Endpoint[] destinations = endpoints(id, route.get("destinations"));
    HostPattern[] snis = snis(route.get("snis"));
    return new StreamRoute(route, service, id, priority(snis, sources, destinations), Set.copyOf(protocols),
        sources, destinations, snis);
  }

  /**
   * Compat's {@code stream_get_priority} ({@code kong/router/transform.lua}): SNIs, or sources
   * together with destinations, set the match weight; below it the kinds of source entries (IP,
   * port, CIDR) rank above those of destination entries.
   */
  static long priority(HostPattern[] snis, Endpoint[] sources, Endpoint[] destinations) {
    long weight = snis != null || sources != null && destinations != null ? SNI_OR_BOTH_ENDS : 0;
    return weight | Endpoint.weight(sources) << 4 | Endpoint.weight(destinations);
  }

  /** Whether the connection may use this route. */
  boolean matches(StreamConnection c) {
    if (!protocols.contains(c.protocol())) {
      return false;
    }
    if (snis != null && c.tls() && !anySni(c.sni())) {
      return false;
    }
    return Endpoint.any(sources, c.sourceIp(), c.sourcePort())
        && Endpoint.any(destinations, c.destinationIp(), c.destinationPort());
  }

  private boolean anySni(String sni) {
    if (sni == null) {
      return false;
    }
    String name = sni.toLowerCase(Locale.ROOT);
    for (HostPattern p : snis) {
      if (p.matches(name, -1)) {
        return true;
      }
    }
    return false;
  }

  private static Endpoint[] endpoints(String routeId, JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    Endpoint[] out = new Endpoint[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Endpoint.of(routeId, list.get(i));
    }
    return out;
  }

  private static HostPattern[] snis(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    HostPattern[] out = new HostPattern[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = HostPattern.sni(list.get(i).asText());
    }
    return out;
  }
}
