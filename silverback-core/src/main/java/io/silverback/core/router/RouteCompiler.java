package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.Uuid5;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the HTTP routes of a {@link Config} into {@link CompiledRoute}s in match order, as compat
 * does ({@code kong/router/transform.lua}): routes of stream protocols and routes of disabled
 * services are left out; a route whose paths mix regexes and prefixes of different lengths is split
 * into one sub-route per prefix length plus one for all regexes, each with the UUIDv5 of {@code
 * "<route id>#<n>"}; then routes are ordered by priority and id, both descending.
 */
final class RouteCompiler {
  private static final UUID SPLIT_NAMESPACE = UUID.fromString("7f145bf9-0dce-4f91-98eb-debbce4b9f6b");
  private static final Comparator<CompiledRoute> DESCENDING = (a, b) -> {
    int byPriority = Long.compareUnsigned(b.priority(), a.priority());
    return byPriority != 0 ? byPriority : b.id().compareTo(a.id());
  };

  private RouteCompiler() {}

  /**
   * Compiles and orders the routes.
   *
   * @throws RouterException when a route's regex does not compile
   */
  static CompiledRoute[] compile(Config config) {
    List<CompiledRoute> out = new ArrayList<>();
    for (Entity route : config.all("routes")) {
      if (Protocols.stream(route.get("protocols"))) {
        continue;
      }
      String serviceId = route.foreignId("service");
      Entity service = serviceId == null ? null : config.get("services", serviceId).orElse(null);
      if (service != null && !service.get("enabled").asBoolean(true)) {
        continue;
      }
      compile(route, service, out);
    }
    CompiledRoute[] routes = out.toArray(new CompiledRoute[0]);
    Arrays.sort(routes, DESCENDING);
    return routes;
  }

  private static void compile(Entity route, Entity service, List<CompiledRoute> out) {
    String id = route.id().toLowerCase(Locale.ROOT);
    String[] methods = texts(route.get("methods"));
    HostPattern[] hosts = patterns(route.get("hosts"), true);
    HostPattern[] snis = patterns(route.get("snis"), false);
    HeaderCondition[] headers = headers(id, route.get("headers"));
    int fields = count(route.get("sources")) + count(route.get("destinations"))
        + (methods == null ? 0 : 1) + (hosts == null ? 0 : 1) + (headers == null ? 0 : 1)
        + (snis == null ? 0 : 1);
    boolean plainHostsOnly = plainHostsOnly(route.get("hosts"));
    int headerCount = headers == null ? 0 : headers.length;
    long regexPriority = route.get("regex_priority").asLong(0);
    Protocols protocols = Protocols.of(route.get("protocols"));
    List<List<String>> groups = groupByRegexOrLength(texts(route.get("paths")));
    for (int g = 0; g < groups.size(); g++) {
      List<String> group = groups.get(g);
      String subId = groups.size() == 1 ? id
          : Uuid5.of(SPLIT_NAMESPACE, route.id() + "#" + (g + 1)).toString();
      PathPattern[] paths = null;
      boolean regex = false;
      int length = 0;
      if (!group.isEmpty()) {
        paths = new PathPattern[group.size()];
        for (int i = 0; i < paths.length; i++) {
          paths[i] = PathPattern.of(id, group.get(i));
        }
        regex = PathPattern.isRegex(group.get(0));
        length = regex ? 0 : group.get(0).getBytes(StandardCharsets.UTF_8).length;
      }
      long priority = Priority.of(fields + (paths == null ? 0 : 1), plainHostsOnly, headerCount,
          regex, regexPriority, length);
      out.add(new CompiledRoute(route, service, subId, priority, methods, hosts, snis, headers,
          paths, protocols));
    }
  }

  /**
   * Kong's {@code group_by_regex_or_length}: one group for all regexes and one per prefix length,
   * in order of first appearance; a single empty group when there are no paths.
   */
  static List<List<String>> groupByRegexOrLength(String[] paths) {
    if (paths == null) {
      return List.of(List.of());
    }
    Map<Integer, List<String>> groups = new LinkedHashMap<>();
    for (String p : paths) {
      int key = PathPattern.isRegex(p) ? 0 : p.getBytes(StandardCharsets.UTF_8).length;
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    return new ArrayList<>(groups.values());
  }

  /** Compat sets PLAIN_HOST_ONLY for any hosts list without a {@code *}, even an empty one. */
  private static boolean plainHostsOnly(JsonNode hosts) {
    if (!hosts.isArray()) {
      return false;
    }
    for (JsonNode h : hosts) {
      if (h.asText().contains("*")) {
        return false;
      }
    }
    return true;
  }

  private static int count(JsonNode field) {
    return field.isArray() && !field.isEmpty() ? 1 : 0;
  }

  private static String[] texts(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      return null;
    }
    String[] out = new String[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asText();
    }
    return out;
  }

  private static HostPattern[] patterns(JsonNode array, boolean hosts) {
    String[] values = texts(array);
    if (values == null) {
      return null;
    }
    HostPattern[] out = new HostPattern[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = hosts ? HostPattern.host(values[i]) : HostPattern.sni(values[i]);
    }
    return out;
  }

  private static HeaderCondition[] headers(String routeId, JsonNode headers) {
    if (!headers.isObject() || headers.isEmpty()) {
      return null;
    }
    List<HeaderCondition> out = new ArrayList<>();
    headers.properties().forEach(e -> out.add(HeaderCondition.of(routeId, e.getKey(), e.getValue())));
    return out.toArray(new HeaderCondition[0]);
  }
}
