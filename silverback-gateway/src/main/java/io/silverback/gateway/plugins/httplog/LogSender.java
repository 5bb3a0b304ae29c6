package io.silverback.gateway.plugins.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.typedef.SocketUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kong's {@code send_entries} (kong/plugins/http-log/handler.lua): one request to {@code
 * http_endpoint} with {@code method} and {@code content_type}; the body is the entry itself
 * when {@code max_batch_size} is 1, else a JSON array of the entries. User info in the URL
 * becomes Basic {@code Authorization}; configured {@code headers} never override Kong's own.
 * Any status from 300 on is a failure (and is retried by the queue). TLS is not verified, as Kong.
 */
final class LogSender {
  private final WebClient client;

  LogSender(Vertx vertx, JsonNode config) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setKeepAlive(true)
        .setKeepAliveTimeout(Math.max(1, (int) (config.path("keepalive").asLong(60000) / 1000)))
        .setConnectTimeout((int) config.path("timeout").asLong(10000))
        .setTrustAll(true)
        .setVerifyHost(false));
  }

  Future<Void> send(JsonNode config, List<String> entries) {
    Buffer body = Buffer.buffer();
    if (config.path("queue").path("max_batch_size").asInt(1) == 1) {
      body.appendString(entries.get(0));
    } else {
      body.appendString("[").appendString(String.join(",", entries)).appendString("]");
    }
    String endpoint = config.path("http_endpoint").asText();
    SocketUrl url = SocketUrl.parse(endpoint);
    var request = client.requestAbs(HttpMethod.valueOf(config.path("method").asText("POST")), withoutUserinfo(endpoint))
        .timeout(config.path("timeout").asLong(10000))
        .putHeader("Content-Type", config.path("content_type").asText("application/json"));
    url.userinfo().ifPresent(u -> request.putHeader("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))));
    for (Map.Entry<String, JsonNode> h : config.path("headers").properties()) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (!request.headers().contains(lower)) {
        request.putHeader(h.getKey(), h.getValue().asText());
      }
    }
    return request.sendBuffer(body).compose(res -> res.statusCode() < 300
        ? Future.succeededFuture()
        : Future.failedFuture("request to " + url.host().orElse("") + ":" + url.port().orElse("")
            + " returned status code " + res.statusCode() + " and body " + res.bodyAsString()));
  }

  void close() {
    client.close();
  }

  /** The URL without {@code user:password@}, which went into the Authorization header. */
  private static String withoutUserinfo(String endpoint) {
    int scheme = endpoint.indexOf("://");
    int at = endpoint.indexOf('@', scheme + 3);
    int slash = endpoint.indexOf('/', scheme + 3);
    if (scheme < 0 || at < 0 || slash >= 0 && at > slash) {
      return endpoint;
    }
    return endpoint.substring(0, scheme + 3) + endpoint.substring(at + 1);
  }
}
