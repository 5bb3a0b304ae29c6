package io.silverback.gateway.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One built-in plugin, as Kong's handler modules are: a name, a priority, and a handler per
 * phase. One instance serves every request of a node, on every event loop: a plugin keeps no
 * per-request state in fields (use {@link ProxyExchange#ctx()}), and what it keeps across requests
 * (counters, connections) is thread-safe.
 *
 * <p>Phases run in Kong's order: {@link #access} in descending priority before the request goes
 * upstream; {@link #headerFilter} and {@link #bodyFilter} in descending priority on the response
 * (Kong runs every phase in descending priority); {@link #log} after the response went to the
 * client. {@code config} is the plugin entity's {@code config} record with every default filled.
 * No handler may block: anything that waits (Redis, a log server) returns a {@link Future} or runs
 * in the background.
 */
public interface GatewayPlugin {
  /** Kong's plugin name, {@code key-auth}. */
  String name();

  /** Kong's {@code PRIORITY}: higher runs first. */
  int priority();

  /**
   * Before the request goes upstream. May change the upstream request, authenticate a consumer,
   * or end the exchange with {@link ProxyExchange#exit}. The chain stops after an exit.
   *
   * @return a completed future when done; a failed one ends the exchange with a 500
   */
  default Future<Void> access(ProxyExchange exchange, JsonNode config) {
    return Future.succeededFuture();
  }

  /** With the upstream's (or an exit's) status and headers, before they go to the client. */
  default void headerFilter(ProxyExchange exchange, JsonNode config) {}

  /**
   * Whether {@link #bodyFilter} must see the whole response body. Only then is the response
   * buffered; otherwise it streams.
   */
  default boolean buffersResponse(JsonNode config) {
    return false;
  }

  /** The whole response body, when {@link #buffersResponse} said so; returns the body to send. */
  default Buffer bodyFilter(ProxyExchange exchange, JsonNode config, Buffer body) {
    return body;
  }

  /** After the response was sent (or the client went away): logging and metrics. */
  default void log(ProxyExchange exchange, JsonNode config) {}

  /** Releases what the plugin holds across requests (connections, files), when the node stops. */
  default void close() {}
}
