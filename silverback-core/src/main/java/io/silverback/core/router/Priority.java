package io.silverback.core.router;

/**
 * Compat's 64-bit route priority ({@code get_priority} in {@code kong/router/transform.lua}); the
 * ATC router tries routes from the highest priority down, and equal priorities by id, highest
 * first. From the most significant bit down:
 *
 * <pre>
 * 61-63  match weight: how many of sources, destinations, methods, hosts, headers, snis, paths are set
 * 60     plain hosts only: hosts is a list (even empty) without a wildcard
 * 52-59  number of header names (at most 255)
 * 51     the (split) route's paths are regexes
 * 19-50  regex_priority, only for regex paths
 * 0-18   length of the prefix paths (all of one length once split)
 * </pre>
 *
 * <p>Kong shifts {@code regex_priority} as an unsigned number; here it is biased by 2^31 so that
 * negative values rank below zero, which keeps the documented "highest regex_priority first" over
 * the whole integer range.
 */
final class Priority {
  private static final long PLAIN_HOST_ONLY = 1L << 60;
  private static final long REGEX_URL = 1L << 51;
  private static final int MAX_HEADER_COUNT = 255;

  private Priority() {}

  /**
   * The priority of a (split) route.
   *
   * @param fieldsSet how many of the matching fields are non-empty (0 to 7)
   * @param plainHostsOnly whether {@code hosts} is a list without wildcards
   * @param headerCount the number of header names
   * @param regexPaths whether the paths are regexes
   * @param regexPriority the route's {@code regex_priority}
   * @param prefixLength the length of the prefix paths, 0 for regexes or none
   * @return the priority, to compare unsigned
   */
  static long of(int fieldsSet, boolean plainHostsOnly, int headerCount, boolean regexPaths,
      long regexPriority, int prefixLength) {
    long p = (long) fieldsSet << 61;
    if (plainHostsOnly) {
      p |= PLAIN_HOST_ONLY;
    }
    p |= (long) Math.min(headerCount, MAX_HEADER_COUNT) << 52;
    if (regexPaths) {
      p |= REGEX_URL;
      p |= ((regexPriority + (1L << 31)) & 0xFFFFFFFFL) << 19;
    }
    return p | (prefixLength & 0x7FFFFL);
  }
}
