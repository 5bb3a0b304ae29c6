package io.silverback.gateway.plugins.correlationid;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.CorrelationIdPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;

/**
 * Kong's {@code correlation-id} (kong/plugins/correlation-id/handler.lua): keeps the client's
 * {@code header_name} or sets a generated id on the upstream request, records it for the log
 * serializer ({@link #SERIALIZE_KEY}), and with {@code echo_downstream} sends it back.
 */
public final class CorrelationIdHandler implements GatewayPlugin {
  /** The {@link ProxyExchange#ctx()} key the log serializer reads ({@code correlation_id}). */
  public static final String SERIALIZE_KEY = "log.correlation_id";
  private static final String ECHO = "correlation-id.value";

  private final IdGenerators generators = new IdGenerators();

  @Override
  public String name() {
    return CorrelationIdPlugin.NAME;
  }

  @Override
  public int priority() {
    return CorrelationIdPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    String header = config.path("header_name").asText("Kong-Request-ID");
    String id = exchange.upstreamHeaders().get(header);
    if (id == null || id.isEmpty()) {
      id = generators.generate(config.path("generator").asText("uuid#counter"), exchange);
      exchange.upstreamHeaders().set(header, id);
    }
    exchange.ctx().put(SERIALIZE_KEY, id);
    if (config.path("echo_downstream").asBoolean(false)) {
      exchange.ctx().put(ECHO, id);
    }
    return Future.succeededFuture();
  }

  @Override
  public void headerFilter(ProxyExchange exchange, JsonNode config) {
    if (!config.path("echo_downstream").asBoolean(false)) {
      return;
    }
    String header = config.path("header_name").asText("Kong-Request-ID");
    Object id = exchange.ctx().get(ECHO);
    String value = id != null ? id.toString() : exchange.upstreamHeaders().get(header);
    if (value == null || value.isEmpty()) {
      value = generators.generate(config.path("generator").asText("uuid#counter"), exchange);
    }
    exchange.responseHeaders().set(header, value);
  }
}
