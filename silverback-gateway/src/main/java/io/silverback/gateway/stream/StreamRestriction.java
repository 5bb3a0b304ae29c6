package io.silverback.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.IpRestrictionPlugin;
import io.silverback.core.typedef.IpRanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ip-restriction} plugins of one snapshot, as Kong runs them in the stream subsystem's
 * preread phase: the most specific enabled instance (route and service, then route, then service,
 * then global; consumer-scoped ones never apply, as a stream has no consumer) whose {@code
 * protocols} list the connection's protocol decides. A client in {@code deny}, or not in a
 * non-empty {@code allow}, is refused; Kong's stream {@code exit} closes the connection.
 */
final class StreamRestriction {
  static final StreamRestriction NONE = new StreamRestriction(Map.of());

  private record Lists(IpRanges allow, IpRanges deny, List<String> protocols) {
    boolean denies(String ip) {
      return !deny.isEmpty() && deny.contains(ip) || !allow.isEmpty() && !allow.contains(ip);
    }
  }

  private final Map<String, Lists> byScope;

  private StreamRestriction(Map<String, Lists> byScope) {
    this.byScope = byScope;
  }

  static StreamRestriction of(Config config) {
    Map<String, Lists> byScope = new HashMap<>();
    for (Entity p : config.all("plugins")) {
      if (!IpRestrictionPlugin.NAME.equals(p.text("name")) || !p.get("enabled").asBoolean(true)
          || p.foreignId("consumer") != null) {
        continue;
      }
      JsonNode c = p.get("config");
      byScope.put(scope(p.foreignId("route"), p.foreignId("service")), new Lists(IpRanges.of(strings(c.path("allow"))),
          IpRanges.of(strings(c.path("deny"))), strings(p.get("protocols"))));
    }
    return byScope.isEmpty() ? NONE : new StreamRestriction(Map.copyOf(byScope));
  }

  /**
   * Whether the client {@code ip} is refused on {@code routeId} of {@code serviceId} (null when
   * service-less) over {@code protocol}.
   */
  boolean denies(String routeId, String serviceId, String protocol, String ip) {
    if (byScope.isEmpty()) {
      return false;
    }
    for (String scope : new String[] {scope(routeId, serviceId), scope(routeId, null), scope(null, serviceId),
        scope(null, null)}) {
      Lists lists = byScope.get(scope);
      if (lists != null && (lists.protocols.isEmpty() || lists.protocols.contains(protocol))) {
        return lists.denies(ip);
      }
    }
    return false;
  }

  private static String scope(String routeId, String serviceId) {
    return routeId + "|" + serviceId;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
