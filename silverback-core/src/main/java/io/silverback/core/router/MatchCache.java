package io.silverback.core.router;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kong's match cache and negative cache in one bounded map ({@code atc.lua} keeps an LRU of 5000
 * per kind): the key holds every request field that the router's routes can look at, so a cached
 * answer is the answer; when the map is full it is emptied rather than kept in LRU order, which
 * costs a few misses but needs no lock on the request path.
 */
final class MatchCache {
  /** Kong's {@code DEFAULT_MATCH_LRUCACHE_SIZE}. */
  static final int DEFAULT_SIZE = 5000;
  private static final Object NO_MATCH = new Object();

  private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private final String[] headerNames;
  private final boolean snis;

  /**
   * A cache for a router whose routes look at these headers (and SNIs when {@code snis}).
   *
   * @param capacity how many answers to keep
   * @param headerNames the lower-case header names any route matches on
   * @param snis whether any route matches on SNIs
   */
  MatchCache(int capacity, String[] headerNames, boolean snis) {
    this.capacity = capacity;
    this.headerNames = headerNames;
    this.snis = snis;
  }

  /** The key of a request: the fields in use, separated by characters a request cannot carry. */
  String key(RequestFacts facts) {
    StringBuilder key = new StringBuilder(96)
        .append(facts.method()).append('\n')
        .append(facts.scheme()).append('\n')
        .append(facts.host()).append('\n')
        .append(facts.serverPort()).append('\n')
        .append(facts.rawPath());
    if (snis) {
      key.append('\n').append(facts.sni());
    }
    for (String name : headerNames) {
      key.append('\n');
      List<String> values = facts.headers().apply(name);
      if (values != null) {
        for (String v : values) {
          key.append(v).append('\0');
        }
      }
    }
    return key.toString();
  }

  /**
   * The cached answer.
   *
   * @return the match, {@link #NO_MATCH} for a cached miss, or null when not cached
   */
  Object get(String key) {
    return entries.get(key);
  }

  /** Whether a {@link #get} result is a cached miss. */
  static boolean isNoMatch(Object cached) {
    return cached == NO_MATCH;
  }

  /** Remembers an answer (null for no match). */
  void put(String key, RouteMatch match) {
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, match == null ? NO_MATCH : match);
  }
}
