package io.silverback.gateway.plugins.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.HttpLogPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.log.CustomFields;
import io.silverback.gateway.plugins.log.LogSerializer;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kong's {@code http-log} (kong/plugins/http-log/handler.lua): each request's serialized log
 * ({@link LogSerializer}) is queued and sent in batches to {@code http_endpoint}. Plugins with
 * the same endpoint, method, content type, timeout and keepalive share a queue, as Kong's queue
 * name makes them. The log phase only queues: requests never wait for the log server.
 */
public final class HttpLogHandler implements GatewayPlugin {
  private final Vertx vertx;
  private final Map<String, LogQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, LogSender> senders = new ConcurrentHashMap<>();
  private final CustomFields customFields = new CustomFields(HttpLogPlugin.NAME);

  /** Sends with {@code vertx}'s HTTP client and timers. */
  public HttpLogHandler(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return HttpLogPlugin.NAME;
  }

  @Override
  public int priority() {
    return HttpLogPlugin.PRIORITY;
  }

  @Override
  public void log(ProxyExchange exchange, JsonNode config) {
    customFields.check(config);
    String entry = LogSerializer.serialize(exchange, System.nanoTime(), System.currentTimeMillis()).toString();
    queue(config).enqueue(entry);
  }

  /** The queue of {@code config}, created on first use. */
  LogQueue queue(JsonNode config) {
    String name = queueName(config);
    return queues.computeIfAbsent(name, n -> {
      LogSender sender = senders.computeIfAbsent(n, k -> new LogSender(vertx, config));
      return new LogQueue(n, vertx, config.path("queue"), batch -> sender.send(config, batch), System::nanoTime);
    });
  }

  /** Kong's {@code make_queue_name}: the log server's parameters. */
  static String queueName(JsonNode config) {
    return String.join(":", config.path("http_endpoint").asText(), config.path("method").asText(),
        config.path("content_type").asText(), config.path("timeout").asText(), config.path("keepalive").asText());
  }

  @Override
  public void close() {
    senders.values().forEach(LogSender::close);
  }
}
