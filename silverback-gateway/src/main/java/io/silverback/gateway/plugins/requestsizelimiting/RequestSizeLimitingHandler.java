package io.silverback.gateway.plugins.requestsizelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.RequestSizeLimitingPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * Kong's {@code request-size-limiting} (kong/plugins/request-size-limiting/handler.lua): a
 * declared {@code Content-Length} over the limit is refused at once with 413 (417 when the
 * client waits for {@code 100-continue}); without one the body is counted as it arrives, and
 * reading stops as soon as it passes the limit. {@code require_content_length} refuses a
 * request without a length that is not chunked with 411.
 */
public final class RequestSizeLimitingHandler implements GatewayPlugin {
  static final String TOO_LARGE = "Request size limit exceeded";

  @Override
  public String name() {
    return RequestSizeLimitingPlugin.NAME;
  }

  @Override
  public int priority() {
    return RequestSizeLimitingPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    MultiMap headers = exchange.upstreamHeaders();
    long allowed = allowedBytes(config);
    Long length = contentLength(headers.get("Content-Length"));
    if (length != null) {
      if (length > allowed) {
        refuse(exchange, headers);
      }
      return Future.succeededFuture();
    }
    if (config.path("require_content_length").asBoolean(false)
        && !"chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
      exchange.exit(411, "A valid Content-Length header is required");
      return Future.succeededFuture();
    }
    return exchange.requestBody(allowed)
        .otherwise(err -> {
          refuse(exchange, headers);
          return null;
        })
        .mapEmpty();
  }

  /** {@code allowed_payload_size} in bytes. */
  static long allowedBytes(JsonNode config) {
    long factor = switch (config.path("size_unit").asText("megabytes")) {
      case "bytes" -> 1;
      case "kilobytes" -> 1024;
      default -> 1024 * 1024;
    };
    return config.path("allowed_payload_size").asLong(128) * factor;
  }

  private static void refuse(ProxyExchange exchange, MultiMap headers) {
    String expect = headers.get("Expect");
    boolean continues = expect != null && expect.strip().toLowerCase(Locale.ROOT).equals("100-continue");
    exchange.exit(continues ? 417 : 413, TOO_LARGE);
  }

  /** Lua's {@code tonumber} of the header, as a whole number of bytes; null when absent or not a number. */
  private static Long contentLength(String value) {
    if (value == null) {
      return null;
    }
    try {
      return (long) Math.ceil(Double.parseDouble(value.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
