package io.silverback.gateway.plugins.requesttransformer;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.RequestTransformerPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Pair;
import io.silverback.gateway.plugins.Queries;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Kong's {@code request-transformer} (kong/plugins/request-transformer/access.lua): in Kong's
 * order, the URI ({@code replace.uri}), the method ({@code http_method}; to GET, HEAD or TRACE a
 * url-encoded body also joins the query string), headers, body and query string. Values are
 * {@link Template}s. The body is read whole only when a body change (or that method change)
 * needs it.
 */
public final class RequestTransformerHandler implements GatewayPlugin {
  /** The largest request body the plugin reads to transform. */
  static final long BODY_LIMIT = 16L * 1024 * 1024;

  private static final Set<String> QUERY_METHODS = Set.of("GET", "HEAD", "TRACE");

  @Override
  public String name() {
    return RequestTransformerPlugin.NAME;
  }

  @Override
  public int priority() {
    return RequestTransformerPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    try {
      return transform(exchange, config);
    } catch (TemplateException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> transform(ProxyExchange exchange, JsonNode config) {
    Map<String, List<Object>> originalQuery = Queries.parse(exchange.upstreamQuery());
    UnaryOperator<String> render = renderer(exchange, originalQuery);
    String uri = config.path("replace").path("uri").textValue();
    if (uri != null) {
      exchange.upstreamPath(render.apply(uri));
    }
    String method = config.path("http_method").textValue();
    String contentType = exchange.upstreamHeaders().get("Content-Type");
    boolean formToQuery = method != null && QUERY_METHODS.contains(method)
        && BodyTransform.kind(contentType).filter("form"::equals).isPresent();
    if (method != null) {
      exchange.upstreamMethod(method);
    }
    HeaderTransform.apply(config, exchange.upstreamHeaders(), render);
    boolean bodyChange = BodyTransform.isSet(config) && BodyTransform.kind(contentType).isPresent();
    if (!bodyChange && !formToQuery) {
      transformQuery(exchange, config, render);
      return Future.succeededFuture();
    }
    return exchange.requestBody(BODY_LIMIT).map(body -> {
      if (formToQuery) {
        joinFormIntoQuery(exchange, body);
      }
      if (bodyChange) {
        BodyTransform.apply(config, contentType, body.getBytes(), render).ifPresent(b -> {
          exchange.upstreamBody(Buffer.buffer(b));
          exchange.upstreamHeaders().set("Content-Length", Integer.toString(b.length));
        });
      }
      transformQuery(exchange, config, render);
      return null;
    });
  }

  private static void transformQuery(ProxyExchange exchange, JsonNode config, UnaryOperator<String> render) {
    if (!hasQueryChanges(config)) {
      return;
    }
    Map<String, List<Object>> query = Queries.parse(exchange.upstreamQuery());
    Params.remove(query, pairs(config, "remove"));
    Params.rename(query, pairs(config, "rename"), render);
    Params.replace(query, pairs(config, "replace"), render);
    Params.add(query, pairs(config, "add"), render);
    Params.append(query, pairs(config, "append"), render);
    exchange.upstreamQuery(Queries.encode(query));
  }

  private static boolean hasQueryChanges(JsonNode config) {
    for (String op : List.of("remove", "rename", "replace", "add", "append")) {
      if (!config.path(op).path("querystring").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pair> pairs(JsonNode config, String op) {
    return Pair.all(config.path(op).path("querystring"));
  }

  private static void joinFormIntoQuery(ProxyExchange exchange, Buffer body) {
    Map<String, List<Object>> form = Queries.parse(body.toString(StandardCharsets.UTF_8));
    if (form.isEmpty()) {
      return;
    }
    Map<String, List<Object>> query = Queries.parse(exchange.upstreamQuery());
    form.forEach((name, values) -> query.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    exchange.upstreamQuery(Queries.encode(query));
  }

  /** Renders templates against the request as it arrived at this plugin. */
  private static UnaryOperator<String> renderer(ProxyExchange exchange, Map<String, List<Object>> query) {
    Map<String, Function<String, Object>> tables = Map.of(
        "headers", name -> header(exchange, name),
        "query_params", query::get,
        "uri_captures", key -> capture(exchange, key),
        "shared", key -> exchange.ctx().get(key));
    Template.Lookup lookup = Template.lookup(tables);
    return template -> Template.render(template, lookup);
  }

  /** A request header; {@code x_name} finds {@code x-name} too, as ngx.req.get_headers() does. */
  private static Object header(ProxyExchange exchange, String name) {
    List<String> values = exchange.upstreamHeaders().getAll(name);
    if (values.isEmpty()) {
      values = exchange.upstreamHeaders().getAll(name.replace('_', '-'));
    }
    return values.isEmpty() ? null : values;
  }

  private static Object capture(ProxyExchange exchange, String key) {
    if (key.chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(key);
      List<String> captures = exchange.match().captures();
      return i < captures.size() ? captures.get(i) : null;
    }
    return exchange.match().namedCaptures().get(key);
  }
}
