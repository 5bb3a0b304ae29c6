package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Admin server's connection and request counters, reported under {@code server} by
 * {@code /status} with the names of nginx's stub status (Kong's {@code kong.nginx.get_statistics}).
 */
final class ServerStats {
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong active = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();

  void connected(HttpConnection connection) {
    accepted.incrementAndGet();
    active.incrementAndGet();
    connection.closeHandler(v -> active.decrementAndGet());
  }

  void request(HttpServerRequest request) {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable finish = () -> {
      if (done.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    };
    request.response().endHandler(v -> finish.run());
    request.response().closeHandler(v -> finish.run());
  }

  ObjectNode toJson() {
    long open = active.get();
    long writing = Math.max(0, Math.min(inFlight.get(), open));
    return Json.object()
        .put("connections_accepted", accepted.get())
        .put("connections_active", open)
        .put("connections_handled", accepted.get())
        .put("connections_reading", 0)
        .put("connections_writing", writing)
        .put("connections_waiting", open - writing)
        .put("total_requests", requests.get());
  }
}
