package io.silverback.core.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Route ordinals filed under their prefix paths, so that one walk along the request path yields
 * every route whose prefix the path starts with; the root holds the routes that any path may
 * match (no paths, or a regex without a literal start). It is built from the sorted prefixes as a
 * compressed trie: an edge runs until keys branch or one ends, so nodes exist only where routes
 * sit or paths part, and building 10k routes takes no per-character objects.
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

  /** Collects (prefix, ordinal) pairs and builds the compressed trie from them sorted. */
  static final class Builder {
    private final List<String> prefixes = new ArrayList<>();
    private final List<Integer> ordinals = new ArrayList<>();

    /**
     * Files a route under each of its prefixes, or at the root when it has none.
     *
     * @param routePrefixes the route's prefixes, or null when any path may match
     * @param ordinal the route's position in match order
     */
    void add(String[] routePrefixes, int ordinal) {
      if (routePrefixes == null) {
        prefixes.add("");
        ordinals.add(ordinal);
        return;
      }
      for (String prefix : routePrefixes) {
        prefixes.add(prefix);
        ordinals.add(ordinal);
      }
    }

    /** The immutable trie. */
    PathTrie build() {
      Integer[] order = new Integer[prefixes.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> prefixes.get(a).compareTo(prefixes.get(b)));
      String[] keys = new String[order.length];
      int[] values = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        keys[i] = prefixes.get(order[i]);
        values[i] = ordinals.get(order[i]);
      }
      return node(keys, values, 0, keys.length, 0);
    }

    /**
     * The node for sorted keys {@code [from, to)}, which all share their first {@code depth}
     * characters: keys of exactly that length end here, the others go to one child per next
     * character, whose edge runs as long as the child's keys agree and none of them ends.
     */
    private static PathTrie node(String[] keys, int[] values, int from, int to, int depth) {
      int i = from;
      while (i < to && keys[i].length() == depth) {
        i++;
      }
      int[] here = Arrays.stream(values, from, i).sorted().distinct().toArray();
      List<Character> childKeys = new ArrayList<>();
      List<String> childEdges = new ArrayList<>();
      List<PathTrie> children = new ArrayList<>();
      while (i < to) {
        char c = keys[i].charAt(depth);
        int end = i;
        while (end < to && keys[end].charAt(depth) == c) {
          end++;
        }
        String first = keys[i];
        String last = keys[end - 1];
        int edgeEnd = depth + 1;
        while (edgeEnd < first.length() && first.charAt(edgeEnd) == last.charAt(edgeEnd)) {
          edgeEnd++;
        }
        childKeys.add(c);
        childEdges.add(first.substring(depth + 1, edgeEnd));
        children.add(node(keys, values, i, end, edgeEnd));
        i = end;
      }
      char[] chars = new char[childKeys.size()];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = childKeys.get(k);
      }
      return new PathTrie(here, chars, childEdges.toArray(new String[0]),
          children.toArray(new PathTrie[0]));
    }
  }
}
