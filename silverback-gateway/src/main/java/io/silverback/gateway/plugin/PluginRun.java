package io.silverback.gateway.plugin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The plugins of one exchange, phase by phase. The proxy calls {@link #access} once, then (unless
 * the client went away) {@link #headerFilter}, {@link #bodyFilter} when {@link #buffersResponse},
 * and finally {@link #log}. The later phases run the plugins that {@link #access} resolved.
 */
public interface PluginRun {
  /** A run with no plugins. */
  PluginRun NONE = new PluginRun() {};

  default Future<Void> access() {
    return Future.succeededFuture();
  }

  default void headerFilter() {}

  default boolean buffersResponse() {
    return false;
  }

  default Buffer bodyFilter(Buffer body) {
    return body;
  }

  default void log() {}
}
