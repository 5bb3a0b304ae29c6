package io.silverback.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientConnection;

/**
 * One upstream connection of an {@link UpstreamPool}: a Vert.x HTTP client connection or a plain
 * channel ({@link PlainChannel}), the requests it served (Kong's {@code
 * upstream_keepalive_max_requests}), since when it is idle, whether it closed, and the watch of
 * Kong's {@code read_timeout} for the request in flight. Lives on its event loop only.
 *
 * <p>The read watch is one timer per connection, re-armed lazily (as {@link ReadIdleWatch}): a
 * request costs a clock read, not a timer set and cancelled as Vert.x's per-request idle timeout
 * does. While requests keep coming the timer fires once per {@code read_timeout}, finds the
 * current request younger than that and is set again for the rest.
 */
final class UpstreamConnection {
  private final Vertx vertx;
  /** Vert.x's connection, or null for a plain channel. */
  private final HttpClientConnection connection;
  /** The plain channel, or null for a Vert.x connection. */
  private final PlainChannel plain;
  private final Object key;
  private int requests;
  private long idleSince;
  private boolean closed;
  private long lastRead;
  private long readTimeoutNanos;
  private Runnable onReadTimeout;
  private long timer = -1;

  UpstreamConnection(Vertx vertx, HttpClientConnection connection, Object key) {
    this(vertx, connection, null, key);
  }

  UpstreamConnection(Vertx vertx, PlainChannel plain, Object key) {
    this(vertx, null, plain, key);
  }

  private UpstreamConnection(Vertx vertx, HttpClientConnection connection, PlainChannel plain, Object key) {
    this.vertx = vertx;
    this.connection = connection;
    this.plain = plain;
    this.key = key;
  }

  /** Vert.x's connection; null for a plain channel. */
  HttpClientConnection connection() {
    return connection;
  }

  /** The plain channel; null for a Vert.x connection. */
  PlainChannel plain() {
    return plain;
  }

  /** Closes the connection (the pool hears of it and forgets it). */
  void close() {
    if (plain != null) {
      plain.close();
    } else {
      connection.close();
    }
  }

  Object key() {
    return key;
  }

  /** Counts one more request sent on this connection. */
  void countRequest() {
    requests++;
  }

  /** The requests sent on this connection so far. */
  int requests() {
    return requests;
  }

  long idleSince() {
    return idleSince;
  }

  void idleSince(long nanos) {
    this.idleSince = nanos;
  }

  boolean closed() {
    return closed;
  }

  void markClosed() {
    this.closed = true;
    stopWatching();
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Runs {@code onTimeout} when nothing is read for {@code timeoutMillis} from now on ({@link
   * #readNow()} counts a read), until {@link #stopWatching()}.
   */
  void watchReads(long timeoutMillis, Runnable onTimeout) {
    lastRead = System.nanoTime();
    readTimeoutNanos = timeoutMillis * 1_000_000;
    onReadTimeout = onTimeout;
    if (timer < 0 && !closed) {
      arm(timeoutMillis);
    }
  }

  /** Something was read: the read timeout starts again. */
  void readNow() {
    lastRead = System.nanoTime();
  }

  void stopWatching() {
    onReadTimeout = null;
  }

  private void arm(long millis) {
    timer = vertx.setTimer(Math.max(1, millis), t -> check());
  }

  private void check() {
    timer = -1;
    Runnable onTimeout = onReadTimeout;
    if (onTimeout == null || closed) {
      return;
    }
    long idle = System.nanoTime() - lastRead;
    if (idle < readTimeoutNanos) {
      arm((readTimeoutNanos - idle) / 1_000_000 + 1);
      return;
    }
    onReadTimeout = null;
    onTimeout.run();
  }
}
