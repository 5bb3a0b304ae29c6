package io.silverback.core.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the routes a request may match without looking at the others. A route whose hosts are all
 * plain sits in the path trie of each of its hosts; every other route (no hosts, or a wildcard) sits
 * in one shared trie. A request reads the shared trie and its own host's trie along its path; the
 * candidates come out as ascending lists of ordinals, which the router merges in match order, so
 * the result is the one a scan of all routes in order would give.
 */
final class RouteIndex {
  private final Map<String, PathTrie> byHost;
  private final PathTrie anyHost;

  private RouteIndex(Map<String, PathTrie> byHost, PathTrie anyHost) {
    this.byHost = byHost;
    this.anyHost = anyHost;
  }

  /** Indexes routes given in match order (the ordinal is the array index). */
  static RouteIndex of(CompiledRoute[] routes) {
    Map<String, PathTrie.Builder> hosts = new HashMap<>();
    PathTrie.Builder any = new PathTrie.Builder();
    for (int i = 0; i < routes.length; i++) {
      CompiledRoute r = routes[i];
      String[] prefixes = r.prefixes();
      if (r.plainHostsOnly()) {
        for (HostPattern h : r.hosts()) {
          hosts.computeIfAbsent(h.name(), k -> new PathTrie.Builder()).add(prefixes, i);
        }
      } else {
        any.add(prefixes, i);
      }
    }
    Map<String, PathTrie> byHost = new HashMap<>(hosts.size() * 2);
    hosts.forEach((host, builder) -> byHost.put(host, builder.build()));
    return new RouteIndex(byHost, any.build());
  }

  /**
   * The candidate lists for a request.
   *
   * @param host the lower-case request host without port
   * @param path the normalized path
   * @param out where the ascending lists of ordinals go
   */
  void candidates(String host, String path, List<int[]> out) {
    anyHost.collect(path, out);
    PathTrie forHost = byHost.get(host);
    if (forHost != null) {
      forHost.collect(path, out);
    }
  }
}
