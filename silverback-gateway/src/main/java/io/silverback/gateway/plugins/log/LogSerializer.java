package io.silverback.gateway.plugins.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Queries;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Kong's {@code kong.log.serialize()} (kong/pdk/log.lua) for one exchange: the JSON object that
 * file-log writes as a line and http-log sends. Same keys and shapes: {@code request} (id, uri,
 * url, querystring, method, headers with {@code authorization} and {@code proxy-authorization}
 * redacted, size, tls), {@code upstream_uri}, {@code upstream_status}, {@code response} (status,
 * headers, size), {@code latencies} (kong, proxy, request, receive, in ms), {@code
 * authenticated_entity}, {@code route}, {@code service}, {@code consumer}, {@code client_ip},
 * {@code started_at} (ms), {@code source} and {@code workspace_name}; plus any value plugins
 * recorded under {@link #CTX_PREFIX} keys of the exchange's ctx ({@code correlation_id}).
 *
 * <p>{@code tries} (balancer attempts) and {@code workspace} are not in the exchange and are left
 * out, as Kong leaves out nil fields.
 */
public final class LogSerializer {
  /** ctx keys starting with this are serialized under the rest of the key (Kong's {@code set_serialize_value}). */
  public static final String CTX_PREFIX = "log.";
  /** The ctx key of Kong's request id; generated on first serialization when absent. */
  public static final String REQUEST_ID = "log.request_id";

  private LogSerializer() {}

  /**
   * The serialized exchange.
   *
   * @param nowNanos the time of the log phase ({@link System#nanoTime()})
   * @param epochMillis the wall-clock time of the log phase
   */
  public static ObjectNode serialize(ProxyExchange exchange, long nowNanos, long epochMillis) {
    long requestMillis = TimeUnit.NANOSECONDS.toMillis(nowNanos - exchange.startNanos());
    ObjectNode root = Json.object();
    root.set("request", request(exchange));
    boolean proxied = exchange.upstreamLatencyMillis() >= 0 && !exchange.exited();
    root.put("upstream_uri", proxied ? upstreamUri(exchange) : "");
    root.put("upstream_status", proxied ? Integer.toString(exchange.status()) : "");
    ObjectNode response = root.putObject("response");
    response.put("status", exchange.status());
    response.set("headers", headers(exchange.responseHeaders(), false));
    response.put("size", exchange.responseBytes());
    ObjectNode latencies = root.putObject("latencies");
    long proxy = proxied ? exchange.upstreamLatencyMillis() : -1;
    latencies.put("kong", Math.max(0, requestMillis - Math.max(0, proxy)));
    latencies.put("proxy", proxy);
    latencies.put("request", requestMillis);
    latencies.put("receive", 0);
    if (exchange.credential() != null) {
      ObjectNode entity = root.putObject("authenticated_entity");
      entity.put("id", exchange.credential().id());
      String consumerId = exchange.credential().foreignId("consumer");
      entity.put("consumer_id", consumerId != null ? consumerId : idOf(exchange.consumer()));
    }
    putEntity(root, "route", exchange.route());
    putEntity(root, "service", exchange.service());
    putEntity(root, "consumer", exchange.consumer());
    root.put("client_ip", exchange.clientIp());
    root.put("started_at", epochMillis - requestMillis);
    root.put("source", exchange.exited() ? "exit" : proxied ? "service" : "error");
    root.put("workspace_name", "default");
    for (Map.Entry<String, Object> e : exchange.ctx().entrySet()) {
      if (e.getKey().startsWith(CTX_PREFIX) && !e.getKey().equals(REQUEST_ID)) {
        root.set(e.getKey().substring(CTX_PREFIX.length()), Json.toNode(e.getValue()));
      }
    }
    return root;
  }

  private static ObjectNode request(ProxyExchange exchange) {
    ObjectNode request = Json.object();
    request.put("id", requestId(exchange));
    HttpServerRequest req = exchange.request();
    String uri = req != null ? req.uri() : exchange.upstreamPath()
        + (exchange.upstreamQuery() != null ? "?" + exchange.upstreamQuery() : "");
    request.put("uri", uri);
    if (req != null) {
      String host = req.authority() != null ? req.authority().host() : "";
      int port = req.localAddress() != null ? req.localAddress().port() : -1;
      request.put("url", req.scheme() + "://" + host + (port > 0 ? ":" + port : "") + uri);
    }
    int q = uri.indexOf('?');
    request.set("querystring", querystring(q < 0 ? null : uri.substring(q + 1)));
    request.put("method", req != null ? req.method().name() : exchange.upstreamMethod());
    request.set("headers", headers(exchange.upstreamHeaders(), true));
    request.put("size", exchange.requestBytes());
    if (req != null && req.isSSL() && req.sslSession() != null) {
      ObjectNode tls = request.putObject("tls");
      tls.put("version", req.sslSession().getProtocol());
      tls.put("cipher", req.sslSession().getCipherSuite());
      tls.put("client_verify", "NONE");
    }
    return request;
  }

  private static String requestId(ProxyExchange exchange) {
    Object id = exchange.ctx().get(REQUEST_ID);
    if (id == null) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      id = String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
      exchange.ctx().put(REQUEST_ID, id);
    }
    return id.toString();
  }

  private static String upstreamUri(ProxyExchange exchange) {
    String query = exchange.upstreamQuery();
    return exchange.upstreamPath() + (query != null ? "?" + query : "");
  }

  /** Headers as Kong's tables: lower-case names, a string or an array of strings. */
  private static ObjectNode headers(MultiMap headers, boolean redact) {
    ObjectNode out = Json.object();
    for (String name : headers.names()) {
      String key = name.toLowerCase(Locale.ROOT);
      List<String> values = headers.getAll(name);
      if (redact && (key.equals("authorization") || key.equals("proxy-authorization"))) {
        out.put(key, "REDACTED");
      } else if (values.size() == 1) {
        out.put(key, values.get(0));
      } else {
        ArrayNode all = out.putArray(key);
        values.forEach(all::add);
      }
    }
    return out;
  }

  private static ObjectNode querystring(String query) {
    ObjectNode out = Json.object();
    Queries.parse(query).forEach((name, values) -> {
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

  private static void putEntity(ObjectNode root, String field, Entity e) {
    if (e != null) {
      root.set(field, e.fields().deepCopy());
    }
  }

  private static String idOf(Entity e) {
    return e == null ? null : e.id();
  }
}
