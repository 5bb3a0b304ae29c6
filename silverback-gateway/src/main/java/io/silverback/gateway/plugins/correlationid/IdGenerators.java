package io.silverback.gateway.plugins.correlationid;

import io.silverback.gateway.plugin.ProxyExchange;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's correlation-id generators: {@code uuid}, {@code uuid#counter} (one random UUID per node
 * and a counter: Kong has one per worker) and {@code tracker} (server address and port, process
 * id, a connection-like serial, and the time in seconds with milliseconds).
 */
final class IdGenerators {
  private final String nodeUuid = UUID.randomUUID().toString();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong serial = new AtomicLong();

  String generate(String generator, ProxyExchange exchange) {
    return switch (generator) {
      case "uuid" -> UUID.randomUUID().toString();
      case "tracker" -> tracker(exchange);
      default -> nodeUuid + "#" + counter.incrementAndGet();
    };
  }

  private String tracker(ProxyExchange exchange) {
    String addr = "";
    int port = 0;
    if (exchange.request() != null && exchange.request().localAddress() != null) {
      addr = exchange.request().localAddress().hostAddress();
      port = exchange.request().localAddress().port();
    }
    return String.format(Locale.ROOT, "%s-%d-%d-%d-%d-%.3f", addr, port, ProcessHandle.current().pid(),
        serial.incrementAndGet(), 1, System.currentTimeMillis() / 1000.0);
  }
}
