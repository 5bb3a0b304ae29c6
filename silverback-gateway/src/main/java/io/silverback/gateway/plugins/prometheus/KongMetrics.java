package io.silverback.gateway.plugins.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's HTTP metrics (kong/plugins/prometheus/exporter.lua) in a Micrometer Prometheus registry,
 * with Kong's names, labels and histogram buckets: {@code kong_http_requests_total} (service,
 * route, code, source, workspace, consumer), {@code kong_kong_latency_ms}, {@code
 * kong_upstream_latency_ms}, {@code kong_request_latency_ms} (service, route, workspace) and
 * {@code kong_bandwidth_bytes} (service, route, direction, workspace, consumer).
 */
public final class KongMetrics {
  private static final double[] KONG_LATENCY_BUCKETS =
      {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000};
  private static final double[] UPSTREAM_LATENCY_BUCKETS =
      {25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<List<String>, AtomicLong> bandwidth = new ConcurrentHashMap<>();

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  void request(String service, String route, int code, String source, String workspace, String consumer) {
    Counter.builder("kong_http_requests")
        .description("HTTP status codes per consumer/service/route in Kong")
        .tags(Tags.of("service", service, "route", route, "code", Integer.toString(code), "source", source,
            "workspace", workspace, "consumer", consumer))
        .register(registry).increment();
  }

  /**
   * Kong's {@code kong_bandwidth_bytes} is a counter without the {@code _total} suffix, which the
   * Prometheus client under Micrometer always appends to counters; a gauge over a running total
   * keeps Kong's name, so that Kong's dashboards ({@code rate(kong_bandwidth_bytes[1m])}) work.
   */
  void bandwidth(String service, String route, String direction, String workspace, String consumer, long bytes) {
    List<String> labels = List.of(service, route, direction, workspace, consumer);
    bandwidth.computeIfAbsent(labels, l -> {
      AtomicLong total = new AtomicLong();
      Gauge.builder("kong_bandwidth_bytes", total, AtomicLong::get)
          .description("Total bandwidth (ingress/egress) throughput in bytes")
          .tags(Tags.of("service", service, "route", route, "direction", direction, "workspace", workspace,
              "consumer", consumer))
          .strongReference(true)
          .register(registry);
      return total;
    }).addAndGet(bytes);
  }

  void kongLatency(String service, String route, String workspace, long millis) {
    histogram("kong_kong_latency_ms", "Latency added by Kong and enabled plugins for each service/route in Kong",
        KONG_LATENCY_BUCKETS, service, route, workspace).record(millis);
  }

  void upstreamLatency(String service, String route, String workspace, long millis) {
    histogram("kong_upstream_latency_ms", "Latency added by upstream response for each service/route in Kong",
        UPSTREAM_LATENCY_BUCKETS, service, route, workspace).record(millis);
  }

  void requestLatency(String service, String route, String workspace, long millis) {
    histogram("kong_request_latency_ms", "Total latency incurred during requests for each service/route in Kong",
        UPSTREAM_LATENCY_BUCKETS, service, route, workspace).record(millis);
  }

  private DistributionSummary histogram(String name, String help, double[] buckets, String service, String route,
      String workspace) {
    return DistributionSummary.builder(name)
        .description(help)
        .serviceLevelObjectives(buckets)
        .tags(Tags.of("service", service, "route", route, "workspace", workspace))
        .register(registry);
  }
}
