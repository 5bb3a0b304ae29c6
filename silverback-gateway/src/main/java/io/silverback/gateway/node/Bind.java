package io.silverback.gateway.node;

import io.silverback.core.conf.Listener;
import io.vertx.core.Future;
import java.net.BindException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future on the node's starting or stopping thread, and turns a failed bind into
 * a message naming the key and the address ({@code admin_listen 127.0.0.1:8001: address already
 * in use}).
 */
final class Bind {
  static final long TIMEOUT_SECONDS = 30;

  private Bind() {}

  /**
   * The bound server.
   *
   * @throws NodeException naming {@code key} and {@code listener} when binding fails
   */
  static <T> T listen(Future<T> bound, String key, Listener listener) {
    try {
      return await(bound);
    } catch (ExecutionException e) {
      throw new NodeException(key + " " + listener + ": " + reason(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new NodeException(key + " " + listener + ": not bound after " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** Waits for {@code future}, up to {@value #TIMEOUT_SECONDS} seconds. */
  static <T> T await(Future<T> future) throws ExecutionException, TimeoutException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException("interrupted while waiting for the node", e);
    }
  }

  static String reason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String msg = String.valueOf(t.getMessage());
      if (t instanceof BindException || msg.contains("Address already in use")) {
        return msg.contains("already in use") ? "address already in use" : msg.toLowerCase(Locale.ROOT);
      }
    }
    return String.valueOf(cause.getMessage());
  }
}
