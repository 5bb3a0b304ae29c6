package io.silverback.gateway.plugins.requesttermination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.plugin.RequestTerminationPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Queries;
import io.silverback.gateway.plugins.Responses;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code request-termination} (kong/plugins/request-termination/handler.lua): ends every
 * request (or only those carrying the {@code trigger} header or query argument) with {@code
 * status_code} and either Kong's {@code {"message": ...}} body, a raw {@code body} of {@code
 * content_type}, or with {@code echo} a JSON description of the request.
 */
public final class RequestTerminationHandler implements GatewayPlugin {
  /** The largest request body {@code echo} reads. */
  static final long ECHO_BODY_LIMIT = 1024 * 1024;

  private static final Map<Integer, String> DEFAULT_RESPONSE = Map.of(401, "Unauthorized", 404, "Not found",
      405, "Method not allowed", 500, "An unexpected error occurred", 502, "Bad Gateway", 503, "Service unavailable");

  private final String nodeId;
  private final String hostname;

  /**
   * @param nodeId this node's id, for {@code echo}
   * @param hostname this node's host name, for {@code echo}
   */
  public RequestTerminationHandler(String nodeId, String hostname) {
    this.nodeId = nodeId;
    this.hostname = hostname;
  }

  @Override
  public String name() {
    return RequestTerminationPlugin.NAME;
  }

  @Override
  public int priority() {
    return RequestTerminationPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    int status = config.path("status_code").asInt(503);
    String trigger = config.path("trigger").textValue();
    Map<String, List<Object>> query = Queries.parse(exchange.upstreamQuery());
    if (trigger != null && exchange.upstreamHeaders().get(trigger) == null && !query.containsKey(trigger)) {
      return Future.succeededFuture();
    }
    String message = config.path("message").isTextual() ? config.get("message").textValue()
        : DEFAULT_RESPONSE.get(status);
    if (config.path("echo").asBoolean(false)) {
      return exchange.requestBody(ECHO_BODY_LIMIT)
          .otherwise((Buffer) null)
          .map(body -> {
            ObjectNode echo = Echo.of(exchange, query, body, message, nodeId, hostname);
            exchange.exit(status, Buffer.buffer(echo.toString()), Responses.jsonHeaders());
            return null;
          });
    }
    if (config.path("body").isTextual()) {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      if (config.path("content_type").isTextual()) {
        headers.set("Content-Type", config.get("content_type").textValue());
      }
      exchange.exit(status, Buffer.buffer(config.get("body").textValue()), headers);
    } else if (message != null) {
      exchange.exit(status, message);
    } else {
      exchange.exit(status, null, null);
    }
    return Future.succeededFuture();
  }
}
