package io.silverback.gateway.balancer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The counting rules of one kind of health check, active or passive (an upstream's
 * {@code healthchecks.active} or {@code healthchecks.passive} without the probe settings). A
 * threshold of 0 disables its counter, as in Kong.
 *
 * @param healthyStatuses statuses that count as successes
 * @param successes successes that make a target healthy
 * @param unhealthyStatuses statuses that count as HTTP failures
 * @param httpFailures HTTP failures that make a target unhealthy
 * @param tcpFailures connection failures that make a target unhealthy
 * @param timeouts timeouts that make a target unhealthy
 */
record Checks(Set<Integer> healthyStatuses, int successes, Set<Integer> unhealthyStatuses, int httpFailures,
    int tcpFailures, int timeouts) {

  static final Checks ACTIVE_DEFAULTS = new Checks(Set.of(200, 302), 0,
      Set.of(429, 404, 500, 501, 502, 503, 504, 505), 0, 0, 0);
  static final Checks PASSIVE_DEFAULTS = new Checks(Set.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
      300, 301, 302, 303, 304, 305, 306, 307, 308), 0, Set.of(429, 500, 503), 0, 0, 0);

  Checks {
    healthyStatuses = Set.copyOf(healthyStatuses);
    unhealthyStatuses = Set.copyOf(unhealthyStatuses);
  }

  /** The rules of {@code node} ({@code healthchecks.active} or {@code .passive}), defaults filling gaps. */
  static Checks of(JsonNode node, Checks defaults) {
    JsonNode healthy = node.path("healthy");
    JsonNode unhealthy = node.path("unhealthy");
    return new Checks(
        statuses(healthy.path("http_statuses"), defaults.healthyStatuses),
        healthy.path("successes").asInt(defaults.successes),
        statuses(unhealthy.path("http_statuses"), defaults.unhealthyStatuses),
        unhealthy.path("http_failures").asInt(defaults.httpFailures),
        unhealthy.path("tcp_failures").asInt(defaults.tcpFailures),
        unhealthy.path("timeouts").asInt(defaults.timeouts));
  }

  /** Whether any failure counter is on (Kong's test for passive checks in use). */
  boolean countsFailures() {
    return httpFailures > 0 || tcpFailures > 0 || timeouts > 0;
  }

  private static Set<Integer> statuses(JsonNode list, Set<Integer> defaults) {
    if (!list.isArray()) {
      return defaults;
    }
    Set<Integer> out = new HashSet<>();
    list.forEach(s -> out.add(s.asInt()));
    return out;
  }
}
