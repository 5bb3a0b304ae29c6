package io.silverback.gateway.plugins.ratelimiting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers of Kong's rate-limiting access phase: per period {@code
 * X-RateLimit-Limit-<Period>} and {@code X-RateLimit-Remaining-<Period>} (the count after this
 * request), then {@code RateLimit-Limit}, {@code -Remaining} and {@code -Reset} of the most
 * constraining period (fewest remaining, the longest window on a tie), and {@code Retry-After}
 * when the request is refused.
 */
final class LimitHeaders {
  private LimitHeaders() {}

  /**
   * @param limits the configured limit per period
   * @param usage the count before this request per period
   * @param stop the period whose limit is exhausted, or null when the request may pass
   * @param nowMillis the time of the request (second precision, as Kong)
   */
  static Map<String, String> of(Map<Period, Double> limits, Map<Period, Long> usage, Period stop, long nowMillis) {
    Map<String, String> headers = new LinkedHashMap<>();
    double limit = 0;
    double remaining = 0;
    long window = 0;
    long reset = 0;
    boolean first = true;
    for (Map.Entry<Period, Double> e : limits.entrySet()) {
      Period p = e.getKey();
      double current = e.getValue() - usage.getOrDefault(p, 0L);
      if (stop == null || stop == p) {
        current -= 1;
      }
      current = Math.max(0, current);
      if (first || current < remaining || current == remaining && p.expirationSeconds() > window) {
        first = false;
        limit = e.getValue();
        window = p.expirationSeconds();
        remaining = current;
        reset = Math.max(1, window - Math.floorDiv(nowMillis - p.start(nowMillis), 1000));
      }
      headers.put(p.limitHeader(), number(e.getValue()));
      headers.put(p.remainingHeader(), number(current));
    }
    headers.put("RateLimit-Limit", number(limit));
    headers.put("RateLimit-Remaining", number(remaining));
    headers.put("RateLimit-Reset", Long.toString(reset));
    if (stop != null) {
      headers.put("Retry-After", Long.toString(reset));
    }
    return headers;
  }

  /** A number as Lua's {@code tostring} prints it: integers without a fraction. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
