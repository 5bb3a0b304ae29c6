package io.silverback.core.router;

import io.silverback.core.config.Config;
import io.silverback.core.router.PathPattern.PathHit;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The HTTP routes of one {@link Config}, compiled for matching with Kong's {@code
 * traditional_compatible} semantics ({@code kong/router/compat.lua}, {@code atc.lua}, {@code
 * transform.lua}). Immutable and thread-safe; build a new one for every new snapshot.
 *
 * <p>Kong's ATC router tries every route in (priority, id) descending order and takes the first
 * that matches. Here the same order is kept, but only over candidates: the {@link RouteIndex}
 * yields, per request, the routes filed under the request's host and along its path, as ascending
 * lists of ordinals, and a k-way merge walks them in match order. With many routes the common
 * request looks at a handful of routes instead of all of them. Answers are then kept in a bounded
 * {@link MatchCache} keyed on the request fields the routes use, as Kong does.
 */
public final class Router {
  private final CompiledRoute[] routes;
  private final RouteIndex index;
  private final MatchCache cache;
  private final int size;

  private Router(CompiledRoute[] routes, RouteIndex index, MatchCache cache, int size) {
    this.routes = routes;
    this.index = index;
    this.cache = cache;
    this.size = size;
  }

  /**
   * Compiles every HTTP route of {@code config}, with Kong's match cache of 5000 answers.
   *
   * @param config the snapshot
   * @return the router
   * @throws RouterException when a route's regex (path or header value) does not compile; the
   *     message names the route
   */
  public static Router compile(Config config) {
    return compile(config, MatchCache.DEFAULT_SIZE);
  }

  /**
   * Compiles every HTTP route of {@code config}.
   *
   * @param config the snapshot
   * @param cacheSize how many answers the match cache keeps; 0 for no cache
   * @return the router
   * @throws RouterException when a route's regex (path or header value) does not compile; the
   *     message names the route
   * @throws IllegalArgumentException when {@code cacheSize} is negative
   */
  public static Router compile(Config config, int cacheSize) {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must be 0 or more, got " + cacheSize);
    }
    CompiledRoute[] routes = RouteCompiler.compile(config);
    Set<Entity> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    Arrays.stream(routes).forEach(r -> distinct.add(r.route()));
    int size = distinct.size();
    MatchCache cache = cacheSize == 0 ? null : new MatchCache(cacheSize, headerNames(routes),
        Arrays.stream(routes).anyMatch(r -> r.snis() != null));
    return new Router(routes, RouteIndex.of(routes), cache, size);
  }

  private static String[] headerNames(CompiledRoute[] routes) {
    return Arrays.stream(routes)
        .filter(r -> r.headers() != null)
        .flatMap(r -> Arrays.stream(r.headers()).map(HeaderCondition::name))
        .distinct().sorted().toArray(String[]::new);
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
    if (cache == null) {
      return find(request);
    }
    String key = cache.key(request);
    Object cached = cache.get(key);
    if (cached != null) {
      return MatchCache.isNoMatch(cached) ? null : (RouteMatch) cached;
    }
    RouteMatch found = find(request);
    cache.put(key, found);
    return found;
  }

  private RouteMatch find(RequestFacts request) {
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
