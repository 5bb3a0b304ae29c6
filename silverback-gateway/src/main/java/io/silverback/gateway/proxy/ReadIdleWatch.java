package io.silverback.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Kong's {@code read_timeout} between two reads of a response body (nginx's {@code
 * proxy_read_timeout}): a view of the upstream response that notes the time of every chunk and
 * runs {@code onTimeout} when none came for {@code timeout} ms. Time while the stream is paused
 * (the client reads slower than the upstream writes) does not count, as nginx arms the timer only
 * while it is reading.
 *
 * <p>One timer per streamed response, re-armed lazily: each chunk costs a clock read, not a timer
 * operation; when the timer fires early it is set again for the rest of the interval.
 */
final class ReadIdleWatch implements ReadStream<Buffer> {
  private final Vertx vertx;
  private final ReadStream<Buffer> upstream;
  private final long timeoutNanos;
  private final Runnable onTimeout;
  private long lastRead;
  private boolean paused;
  private boolean done;
  private long timer = -1;

  ReadIdleWatch(Vertx vertx, ReadStream<Buffer> upstream, long timeoutMillis, Runnable onTimeout) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.timeoutNanos = timeoutMillis * 1_000_000;
    this.onTimeout = onTimeout;
    this.lastRead = System.nanoTime();
  }

  /**
   * Starts the timer. The relay calls it once a body turns out to come in several chunks: until
   * then the upstream request's own idle timeout (set when the request was sent) covers the wait,
   * so a response that arrives whole costs no timer.
   */
  void start() {
    if (timer < 0 && !done) {
      lastRead = System.nanoTime();
      arm(timeoutNanos / 1_000_000);
    }
  }

  private void arm(long millis) {
    timer = vertx.setTimer(Math.max(1, millis), t -> check());
  }

  private void check() {
    timer = -1;
    if (done) {
      return;
    }
    long idle = System.nanoTime() - lastRead;
    if (paused || idle < timeoutNanos) {
      arm(paused ? timeoutNanos / 1_000_000 : (timeoutNanos - idle) / 1_000_000 + 1);
      return;
    }
    done = true;
    onTimeout.run();
  }

  /** Stops watching (the relay is over, whichever way). */
  void stop() {
    done = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    upstream.handler(handler == null ? null : chunk -> {
      lastRead = System.nanoTime();
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    upstream.endHandler(v -> {
      stop();
      if (handler != null) {
        handler.handle(v);
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    upstream.exceptionHandler(e -> {
      stop();
      if (handler != null) {
        handler.handle(e);
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    paused = true;
    upstream.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    paused = false;
    lastRead = System.nanoTime();
    upstream.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    paused = false;
    lastRead = System.nanoTime();
    upstream.fetch(amount);
    return this;
  }
}
