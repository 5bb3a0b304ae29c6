package io.silverback.gateway.plugins.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.PrometheusPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import java.util.concurrent.TimeUnit;

/**
 * Kong's {@code prometheus} (kong/plugins/prometheus/handler.lua and exporter.lua): counts each
 * routed request in {@link KongMetrics}, as far as the config flags enable: {@code
 * status_code_metrics}, {@code latency_metrics}, {@code bandwidth_metrics}, and {@code
 * per_consumer} for the consumer label. The metrics are served by the Admin API's {@code GET
 * /metrics}. AI, upstream health and wasm metrics are not collected.
 */
public final class PrometheusHandler implements GatewayPlugin {
  private static final String WORKSPACE = "default";

  private final KongMetrics metrics;

  /** Records into {@code metrics}. */
  public PrometheusHandler(KongMetrics metrics) {
    this.metrics = metrics;
  }

  /** The metrics this plugin records. */
  public KongMetrics metrics() {
    return metrics;
  }

  @Override
  public String name() {
    return PrometheusPlugin.NAME;
  }

  @Override
  public int priority() {
    return PrometheusPlugin.PRIORITY;
  }

  @Override
  public void log(ProxyExchange exchange, JsonNode config) {
    Entity route = exchange.route();
    if (route == null) {
      return;
    }
    String routeName = route.text("name") != null ? route.text("name") : route.id();
    Entity service = exchange.service();
    String serviceName = service == null ? "" : service.text("name") != null ? service.text("name")
        : service.text("host") != null ? service.text("host") : "";
    String consumer = config.path("per_consumer").asBoolean(false) && exchange.consumer() != null
        && exchange.consumer().text("username") != null ? exchange.consumer().text("username") : "";
    if (config.path("bandwidth_metrics").asBoolean(false)) {
      if (exchange.requestBytes() > 0) {
        metrics.bandwidth(serviceName, routeName, "ingress", WORKSPACE, consumer, exchange.requestBytes());
      }
      if (exchange.responseBytes() > 0) {
        metrics.bandwidth(serviceName, routeName, "egress", WORKSPACE, consumer, exchange.responseBytes());
      }
    }
    boolean proxied = exchange.upstreamLatencyMillis() >= 0 && !exchange.exited();
    if (config.path("status_code_metrics").asBoolean(false)) {
      metrics.request(serviceName, routeName, exchange.status(), proxied ? "service" : "kong", WORKSPACE, consumer);
    }
    if (config.path("latency_metrics").asBoolean(false)) {
      long request = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.startNanos());
      metrics.requestLatency(serviceName, routeName, WORKSPACE, request);
      if (proxied) {
        metrics.upstreamLatency(serviceName, routeName, WORKSPACE, exchange.upstreamLatencyMillis());
      }
      long kong = Math.max(0, request - (proxied ? exchange.upstreamLatencyMillis() : 0));
      metrics.kongLatency(serviceName, routeName, WORKSPACE, kong);
    }
  }
}
