package io.silverback.gateway.plugins.responsetransformer;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.ResponseTransformerPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Pair;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kong's {@code response-transformer} (kong/plugins/response-transformer): response headers and
 * the properties of a JSON body, each removed, renamed, replaced, added and appended in that
 * order. Only a configuration with json changes buffers the response.
 */
public final class ResponseTransformerHandler implements GatewayPlugin {
  private static final System.Logger LOG = System.getLogger(ResponseTransformerHandler.class.getName());

  @Override
  public String name() {
    return ResponseTransformerPlugin.NAME;
  }

  @Override
  public int priority() {
    return ResponseTransformerPlugin.PRIORITY;
  }

  @Override
  public void headerFilter(ProxyExchange exchange, JsonNode config) {
    MultiMap headers = exchange.responseHeaders();
    Set<String> before = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    before.addAll(headers.names());
    for (Pair p : Pair.all(config.path("remove").path("headers"))) {
      headers.remove(p.name());
    }
    for (Pair p : Pair.all(config.path("rename").path("headers"))) {
      List<String> values = headers.getAll(p.name());
      if (!values.isEmpty() && p.value() != null) {
        headers.set(p.value(), values);
        headers.remove(p.name());
      }
    }
    for (Pair p : Pair.all(config.path("replace").path("headers"))) {
      if (before.contains(p.name()) && p.value() != null) {
        headers.set(p.name(), p.value());
      }
    }
    for (Pair p : Pair.all(config.path("add").path("headers"))) {
      if (!before.contains(p.name()) && p.value() != null) {
        headers.set(p.name(), p.value());
      }
    }
    for (Pair p : Pair.all(config.path("append").path("headers"))) {
      if (p.value() != null) {
        headers.add(p.name(), p.value());
      }
    }
    if (JsonBodyTransform.isSet(config) && isJson(headers.get("Content-Type"))) {
      headers.remove("Content-Length");
    }
  }

  @Override
  public boolean buffersResponse(JsonNode config) {
    return JsonBodyTransform.isSet(config);
  }

  @Override
  public Buffer bodyFilter(ProxyExchange exchange, JsonNode config, Buffer body) {
    if (!isJson(exchange.responseHeaders().get("Content-Type"))) {
      return body;
    }
    return JsonBodyTransform.apply(config, body.getBytes()).map(Buffer::buffer).orElseGet(() -> {
      LOG.log(System.Logger.Level.WARNING, "response-transformer: body transform failed: failed parsing json body");
      return body;
    });
  }

  /** Kong's {@code is_json_body}: one of the listed types is {@code application/json} or {@code +json}. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    for (String part : contentType.split(",")) {
      String type = part.strip().toLowerCase(Locale.ROOT);
      int semi = type.indexOf(';');
      type = (semi < 0 ? type : type.substring(0, semi)).strip();
      if (type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json")) {
        return true;
      }
    }
    return false;
  }
}
