package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of one {@link Config}, compiled for matching. Immutable and thread-safe; build a new
 * one for every new snapshot.
 *
 * <p>First cut: a linear scan over routes ordered by how many fields they set and their longest
 * path, with exact and wildcard hosts, prefix and regex paths, methods and exact header values.
 * Kong's full priority order, indexes, normalization and {@code path_handling} replace it.
 */
public final class Router {
  private final List<Compiled> routes;

  private Router(List<Compiled> routes) {
    this.routes = routes;
  }

  /** Compiles every route of {@code config}. */
  public static Router compile(Config config) {
    List<Compiled> out = new ArrayList<>();
    for (Entity r : config.all("routes")) {
      String sid = r.foreignId("service");
      Entity service = sid == null ? null : config.get("services", sid).orElse(null);
      out.add(new Compiled(r, service, texts(r.get("hosts")), texts(r.get("paths")),
          texts(r.get("methods")), r.get("headers")));
    }
    out.sort(Comparator.comparingInt(Compiled::weight).reversed()
        .thenComparing(Comparator.comparingInt(Compiled::longestPath).reversed()));
    return new Router(List.copyOf(out));
  }

  /** The number of compiled routes. */
  public int size() {
    return routes.size();
  }

  /** The route {@code request} matches, or null when none does. */
  public RouteMatch match(RequestFacts request) {
    String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
    String host = request.host() == null ? "" : request.host().toLowerCase();
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    for (Compiled c : routes) {
      RouteMatch m = c.match(request, host, path);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private record Compiled(Entity route, Entity service, List<String> hosts, List<String> paths,
      List<String> methods, JsonNode headers) {
    int weight() {
      return (hosts.isEmpty() ? 0 : 1) + (paths.isEmpty() ? 0 : 1) + (methods.isEmpty() ? 0 : 1)
          + (headers != null && headers.isObject() && headers.size() > 0 ? 1 : 0);
    }

    int longestPath() {
      return paths.stream().mapToInt(String::length).max().orElse(0);
    }

    RouteMatch match(RequestFacts req, String host, String path) {
      if (!hosts.isEmpty() && hosts.stream().noneMatch(h -> hostMatches(h, host))) {
        return null;
      }
      if (!methods.isEmpty() && !methods.contains(req.method())) {
        return null;
      }
      if (headers != null && headers.isObject()) {
        for (Map.Entry<String, JsonNode> h : headers.properties()) {
          List<String> got = req.headers().apply(h.getKey().toLowerCase());
          boolean any = false;
          for (JsonNode want : h.getValue()) {
            any |= got.stream().anyMatch(v -> v.equalsIgnoreCase(want.asText()));
          }
          if (!any) {
            return null;
          }
        }
      }
      String prefix = null;
      List<String> captures = List.of();
      if (!paths.isEmpty()) {
        for (String p : paths) {
          if (p.startsWith("~")) {
            Matcher m = Pattern.compile(p.substring(1)).matcher(path);
            if (m.lookingAt()) {
              prefix = m.group();
              break;
            }
          } else if (path.startsWith(p)) {
            prefix = p;
            break;
          }
        }
        if (prefix == null) {
          return null;
        }
      }
      boolean strip = route.get("strip_path").asBoolean(true);
      String base = service == null || service.text("path") == null ? "/" : service.text("path");
      String rest = strip && prefix != null ? path.substring(prefix.length()) : path;
      String upstream = join(base, rest);
      JsonNode protocols = route.get("protocols");
      boolean allowed = !protocols.isArray() || protocols.isEmpty();
      for (JsonNode p : protocols) {
        allowed |= p.asText().equals(req.scheme());
      }
      return new RouteMatch(route, service, path, prefix, upstream, captures, Map.of(), allowed);
    }

    private static boolean hostMatches(String pattern, String host) {
      String p = pattern.toLowerCase();
      if (p.startsWith("*")) {
        return host.endsWith(p.substring(1));
      }
      if (p.endsWith("*")) {
        return host.startsWith(p.substring(0, p.length() - 1));
      }
      return p.equals(host);
    }

    private static String join(String base, String rest) {
      if (rest.isEmpty()) {
        return base;
      }
      if (base.endsWith("/")) {
        return rest.startsWith("/") ? base + rest.substring(1) : base + rest;
      }
      return rest.startsWith("/") ? base + rest : base + "/" + rest;
    }
  }
}
