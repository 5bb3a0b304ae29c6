package io.silverback.core.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Route ordinals filed under their prefix paths, so that one walk along the request path yields
 * every route whose prefix the path starts with; the root holds the routes that any path may
 * match (no paths, or regex paths). Chains of nodes without routes and with one child are
 * collapsed into one edge, which keeps the frozen trie small for long shared prefixes.
 *
 * <p>The ordinals at each node are ascending (match order), so the caller can merge the lists of
 * the nodes it passed instead of sorting candidates.
 */
final class PathTrie {
  private final int[] routes;
  private final char[] keys;
  private final String[] edges;
  private final PathTrie[] kids;

  private PathTrie(int[] routes, char[] keys, String[] edges, PathTrie[] kids) {
    this.routes = routes;
    this.keys = keys;
    this.edges = edges;
    this.kids = kids;
  }

  /**
   * Adds the lists of ordinals of every node on the path's way, root first.
   *
   * @param path the normalized request path
   * @param out where the non-empty lists go
   */
  void collect(String path, List<int[]> out) {
    PathTrie node = this;
    int i = 0;
    while (true) {
      if (node.routes.length > 0) {
        out.add(node.routes);
      }
      if (i >= path.length()) {
        return;
      }
      int k = Arrays.binarySearch(node.keys, path.charAt(i));
      if (k < 0 || !path.startsWith(node.edges[k], i + 1)) {
        return;
      }
      i += 1 + node.edges[k].length();
      node = node.kids[k];
    }
  }

  /** Collects ordinals under prefixes; ordinals must be added in ascending order. */
  static final class Builder {
    private final TreeMap<Character, Builder> kids = new TreeMap<>();
    private final List<Integer> routes = new ArrayList<>();

    /**
     * Files a route under each of its prefixes, or at the root when it has none.
     *
     * @param prefixes the route's prefix paths, or null when any path may match
     * @param ordinal the route's position in match order
     */
    void add(String[] prefixes, int ordinal) {
      if (prefixes == null) {
        addHere(ordinal);
        return;
      }
      for (String prefix : prefixes) {
        Builder node = this;
        for (int i = 0; i < prefix.length(); i++) {
          node = node.kids.computeIfAbsent(prefix.charAt(i), c -> new Builder());
        }
        node.addHere(ordinal);
      }
    }

    private void addHere(int ordinal) {
      if (routes.isEmpty() || routes.get(routes.size() - 1) != ordinal) {
        routes.add(ordinal);
      }
    }

    /** The immutable trie. */
    PathTrie build() {
      char[] keys = new char[kids.size()];
      String[] edges = new String[kids.size()];
      PathTrie[] built = new PathTrie[kids.size()];
      int k = 0;
      for (Map.Entry<Character, Builder> e : kids.entrySet()) {
        StringBuilder edge = new StringBuilder();
        Builder node = e.getValue();
        while (node.routes.isEmpty() && node.kids.size() == 1) {
          Map.Entry<Character, Builder> only = node.kids.firstEntry();
          edge.append(only.getKey().charValue());
          node = only.getValue();
        }
        keys[k] = e.getKey();
        edges[k] = edge.toString();
        built[k] = node.build();
        k++;
      }
      int[] ordinals = routes.stream().mapToInt(Integer::intValue).toArray();
      return new PathTrie(ordinals, keys, edges, built);
    }
  }
}
