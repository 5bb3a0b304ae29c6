package io.silverback.gateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * Copies bytes both ways between a client and its upstream on their event loop, with
 * back-pressure: a side whose peer's write queue is full stops being read until the queue drains.
 * When either side ends or fails, both are ended (pending bytes are flushed first), as nginx's
 * stream proxy with {@code proxy_half_close off}.
 *
 * <p>Idle timeouts: the session is closed once the client has sent nothing for {@code
 * write_timeout} and the upstream nothing for {@code read_timeout}, each direction measured on
 * its own clock. nginx's {@code proxy_timeout} is the same rule with one value for both
 * directions; a client that streams while its upstream stays silent (or the reverse) keeps the
 * session. One timer per session, re-armed at the later of the two deadlines.
 */
final class StreamPipe {
  private final Vertx vertx;
  private final NetSocket client;
  private final NetSocket upstream;
  private final long writeIdleNanos;
  private final long readIdleNanos;
  private long lastFromClient;
  private long lastFromUpstream;
  private boolean closed;
  private long timer = -1;

  private StreamPipe(Vertx vertx, NetSocket client, NetSocket upstream, int writeTimeoutMillis,
      int readTimeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.upstream = upstream;
    this.writeIdleNanos = writeTimeoutMillis * 1_000_000L;
    this.readIdleNanos = readTimeoutMillis * 1_000_000L;
  }

  /**
   * Starts piping; {@code client} must be paused (its first bytes are still queued), and it is
   * resumed here. Runs on the connection's event loop.
   *
   * @param onClose called once, when the first side closes (the other is being ended)
   */
  static void start(Vertx vertx, NetSocket client, NetSocket upstream, int writeTimeoutMillis,
      int readTimeoutMillis, Runnable onClose) {
    StreamPipe pipe = new StreamPipe(vertx, client, upstream, writeTimeoutMillis, readTimeoutMillis);
    pipe.lastFromClient = System.nanoTime();
    pipe.lastFromUpstream = pipe.lastFromClient;
    pipe.copy(client, upstream, true);
    pipe.copy(upstream, client, false);
    client.closeHandler(v -> pipe.close(onClose));
    upstream.closeHandler(v -> pipe.close(onClose));
    pipe.arm(Math.min(pipe.writeIdleNanos, pipe.readIdleNanos));
    client.resume();
  }

  private void copy(NetSocket from, NetSocket to, boolean fromClient) {
    from.handler(data -> relay(from, to, data, fromClient));
    from.endHandler(v -> endBoth());
    from.exceptionHandler(e -> endBoth());
  }

  private void relay(NetSocket from, NetSocket to, Buffer data, boolean fromClient) {
    if (fromClient) {
      lastFromClient = System.nanoTime();
    } else {
      lastFromUpstream = System.nanoTime();
    }
    to.write(data);
    if (to.writeQueueFull()) {
      from.pause();
      to.drainHandler(v -> from.resume());
    }
  }

  private void arm(long delayNanos) {
    timer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000L), t -> checkIdle());
  }

  private void checkIdle() {
    long now = System.nanoTime();
    long clientLeft = lastFromClient + writeIdleNanos - now;
    long upstreamLeft = lastFromUpstream + readIdleNanos - now;
    if (clientLeft <= 0 && upstreamLeft <= 0) {
      timer = -1;
      client.close();
      upstream.close();
      return;
    }
    arm(Math.max(clientLeft, upstreamLeft));
  }

  private void endBoth() {
    client.end();
    upstream.end();
  }

  private void close(Runnable onClose) {
    endBoth();
    if (closed) {
      return;
    }
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    onClose.run();
  }
}
