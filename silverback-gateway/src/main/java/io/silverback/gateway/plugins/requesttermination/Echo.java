package io.silverback.gateway.plugins.requesttermination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Queries;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The body of request-termination's {@code echo}: the request as Kong's PDK reports it. */
final class Echo {
  private Echo() {}

  static ObjectNode of(ProxyExchange exchange, Map<String, List<Object>> query, Buffer body, String message,
      String nodeId, String hostname) {
    ObjectNode out = Json.object();
    if (message != null) {
      out.put("message", message);
    }
    ObjectNode kong = out.putObject("kong");
    kong.put("node_id", nodeId);
    kong.put("worker_pid", ProcessHandle.current().pid());
    kong.put("hostname", hostname);
    ObjectNode request = out.putObject("request");
    HttpServerRequest req = exchange.request();
    if (req != null) {
      request.put("scheme", req.scheme());
      request.put("host", req.authority() != null ? req.authority().host() : null);
      request.put("port", req.authority() != null ? req.authority().port() : -1);
      request.put("path", req.path());
    }
    request.set("headers", headers(exchange));
    request.set("query", args(query));
    request.put("method", exchange.upstreamMethod());
    if (body != null && body.length() > 0) {
      request.put("raw_body", body.toString());
      request.set("body", parsedBody(exchange.upstreamHeaders().get("Content-Type"), body));
    }
    ObjectNode captures = request.putObject("uri_captures");
    ObjectNode unnamed = captures.putObject("unnamed");
    List<String> positional = exchange.match().captures();
    for (int i = 0; i < positional.size(); i++) {
      unnamed.put(Integer.toString(i), positional.get(i));
    }
    ObjectNode named = captures.putObject("named");
    exchange.match().namedCaptures().forEach(named::put);
    out.set("matched_route", fields(exchange.route()));
    out.set("matched_service", fields(exchange.service()));
    return out;
  }

  private static JsonNode fields(Entity e) {
    return e == null ? null : e.fields();
  }

  private static ObjectNode headers(ProxyExchange exchange) {
    ObjectNode out = Json.object();
    for (String name : exchange.upstreamHeaders().names()) {
      List<String> values = exchange.upstreamHeaders().getAll(name);
      String key = name.toLowerCase(Locale.ROOT);
      if (values.size() == 1) {
        out.put(key, values.get(0));
      } else {
        ArrayNode all = out.putArray(key);
        values.forEach(all::add);
      }
    }
    return out;
  }

  private static ObjectNode args(Map<String, List<Object>> query) {
    ObjectNode out = Json.object();
    query.forEach((name, values) -> {
      if (values.size() == 1) {
        out.set(name, value(values.get(0)));
      } else {
        ArrayNode all = out.putArray(name);
        values.forEach(v -> all.add(value(v)));
      }
    });
    return out;
  }

  private static JsonNode value(Object v) {
    return v instanceof Boolean b ? Json.NODES.booleanNode(b) : Json.NODES.textNode(String.valueOf(v));
  }

  private static JsonNode parsedBody(String contentType, Buffer body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      try {
        return Json.MAPPER.readTree(body.getBytes());
      } catch (IOException e) {
        return null;
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return args(Queries.parse(body.toString()));
    }
    return null;
  }
}
