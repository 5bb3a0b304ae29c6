package io.silverback.core.router;

import io.silverback.core.config.Config;
import io.silverback.core.router.PathPattern.PathHit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The HTTP routes of one {@link Config}, compiled for matching with Kong's {@code
 * traditional_compatible} semantics ({@code kong/router/compat.lua}, {@code atc.lua}, {@code
 * transform.lua}). Immutable and thread-safe; build a new one for every new snapshot.
 *
 * <p>Kong's ATC router tries every route in (priority, id) descending order and takes the first
 * that matches. Here the same order is kept, but only over candidates: the {@link RouteIndex}
 * yields, per request, the routes filed under the request's host and along its path, as ascending
 * lists of ordinals, and a k-way merge walks them in match order. With many routes the common
 * request looks at a handful of routes instead of all of them.
 */
public final class Router {
  private final CompiledRoute[] routes;
  private final RouteIndex index;
  private final int size;

  private Router(CompiledRoute[] routes, RouteIndex index, int size) {
    this.routes = routes;
    this.index = index;
    this.size = size;
  }

  /**
   * Compiles every HTTP route of {@code config}.
   *
   * @param config the snapshot
   * @return the router
   * @throws RouterException when a route's regex (path or header value) does not compile; the
   *     message names the route
   */
  public static Router compile(Config config) {
    CompiledRoute[] routes = RouteCompiler.compile(config);
    int size = (int) Arrays.stream(routes).map(CompiledRoute::route).distinct().count();
    return new Router(routes, RouteIndex.of(routes), size);
  }

  /** The number of routes the router matches against (split routes count once). */
  public int size() {
    return size;
  }

  /**
   * Finds the route for a request.
   *
   * @param request what the router may look at
   * @return the match, or null when no route matches (Kong answers 404)
   */
  public RouteMatch match(RequestFacts request) {
    Request req = Request.of(request);
    if (req == null) {
      return null;
    }
    List<int[]> lists = new ArrayList<>(4);
    index.candidates(req.host(), req.path(), lists);
    int[] heads = new int[lists.size()];
    int last = -1;
    while (true) {
      int best = -1;
      int bestOrdinal = Integer.MAX_VALUE;
      for (int l = 0; l < heads.length; l++) {
        int[] list = lists.get(l);
        if (heads[l] < list.length && list[heads[l]] < bestOrdinal) {
          best = l;
          bestOrdinal = list[heads[l]];
        }
      }
      if (best < 0) {
        return null;
      }
      heads[best]++;
      if (bestOrdinal == last) {
        continue;
      }
      last = bestOrdinal;
      CompiledRoute route = routes[bestOrdinal];
      PathHit hit = route.match(req);
      if (hit != null) {
        return toMatch(route, req, hit);
      }
    }
  }

  private static RouteMatch toMatch(CompiledRoute route, Request req, PathHit hit) {
    boolean strip = route.route().get("strip_path").asBoolean(true);
    boolean v1 = "v1".equals(route.route().text("path_handling"));
    String servicePath = route.service() == null ? null : route.service().text("path");
    String upstream = UpstreamPath.of(servicePath, strip, v1, hit.prefix(), req.path());
    return new RouteMatch(route.route(), route.service(), req.path(), hit.prefix(),
        UriEscaper.escape(upstream), hit.captures(), hit.named(),
        route.protocols().allows(req.facts().scheme()));
  }
}
