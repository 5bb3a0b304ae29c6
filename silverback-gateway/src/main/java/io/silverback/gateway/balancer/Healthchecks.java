package io.silverback.gateway.balancer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An upstream's {@code healthchecks} record, read once per snapshot: the active and passive
 * counting rules, the active probe's settings, and the {@code threshold} (percent of the weight
 * that must be healthy for the upstream to be).
 *
 * @param active the rules active probes count by
 * @param passive the rules proxied responses count by
 * @param probe what an active probe sends and how often
 * @param threshold the percentage of healthy weight below which the upstream is unhealthy
 */
record Healthchecks(Checks active, Checks passive, Probe probe, double threshold) {

  /**
   * The active probe's settings ({@code healthchecks.active} without the counting rules).
   *
   * @param type {@code http}, {@code https}, {@code tcp}, {@code grpc} or {@code grpcs}
   * @param timeoutMillis how long a probe may take
   * @param concurrency how many targets are probed at once
   * @param httpPath the path probed
   * @param httpsSni the SNI for {@code https} probes, or null for the target's host
   * @param verifyCertificate whether {@code https} probes verify the target's certificate
   * @param headers extra request headers
   * @param healthyIntervalMillis how often healthy targets are probed; 0 for never
   * @param unhealthyIntervalMillis how often unhealthy targets are probed; 0 for never
   */
  record Probe(String type, long timeoutMillis, int concurrency, String httpPath, String httpsSni,
      boolean verifyCertificate, Map<String, List<String>> headers, long healthyIntervalMillis,
      long unhealthyIntervalMillis) {
    Probe {
      headers = Map.copyOf(headers);
    }

    /**
     * Whether probes run at all: an interval is set and the type is one HTTP can probe (Kong
     * turns {@code tcp} probes off in its HTTP subsystem).
     */
    boolean runs() {
      return !"tcp".equals(type) && (healthyIntervalMillis > 0 || unhealthyIntervalMillis > 0);
    }

    boolean tls() {
      return "https".equals(type) || "grpcs".equals(type);
    }

    /** Whether probes speak HTTP/2: h2c with prior knowledge for {@code grpc}, ALPN h2 for {@code grpcs}. */
    boolean http2() {
      return "grpc".equals(type) || "grpcs".equals(type);
    }
  }

  /** The settings of an upstream's {@code healthchecks} value, Kong's defaults filling gaps. */
  static Healthchecks of(JsonNode node) {
    JsonNode active = node.path("active");
    Probe probe = new Probe(
        active.path("type").asText("http"),
        millis(active.path("timeout"), 1),
        Math.max(1, active.path("concurrency").asInt(10)),
        active.path("http_path").asText("/"),
        active.path("https_sni").isTextual() ? active.get("https_sni").textValue() : null,
        active.path("https_verify_certificate").asBoolean(true),
        headers(active.path("headers")),
        millis(active.path("healthy").path("interval"), 0),
        millis(active.path("unhealthy").path("interval"), 0));
    return new Healthchecks(Checks.of(active, Checks.ACTIVE_DEFAULTS), Checks.of(node.path("passive"),
        Checks.PASSIVE_DEFAULTS), probe, node.path("threshold").asDouble(0));
  }

  /**
   * Whether this upstream keeps health at all (Kong's {@code is_upstream_using_healthcheck}):
   * active probes on an interval, or a passive failure threshold. Without it every target is
   * available and the Admin API reports {@code HEALTHCHECKS_OFF}.
   */
  boolean enabled() {
    return probe.healthyIntervalMillis > 0 || probe.unhealthyIntervalMillis > 0 || passive.countsFailures();
  }

  private static long millis(JsonNode seconds, double fallback) {
    return Math.round((seconds.isNumber() ? seconds.asDouble() : fallback) * 1000);
  }

  private static Map<String, List<String>> headers(JsonNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(e.getValue().asText());
        }
        out.put(e.getKey(), List.copyOf(values));
      });
    }
    return out;
  }
}
