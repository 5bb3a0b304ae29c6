package io.silverback.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeoutException;

/**
 * Streams a client's request body upstream with backpressure and Kong's {@code write_timeout}:
 * nginx's {@code proxy_send_timeout}, armed only while a write waits for the upstream to take
 * more (its socket is full) and disarmed when it drains. A slow client never trips it, and a
 * long upload does not count against {@code read_timeout}, which starts once the body is sent.
 *
 * <p>Replaces {@code request.pipe().to(upstream)} so that the upstream's write-queue state is seen;
 * the cost per chunk is one {@code writeQueueFull()} check, and one timer per stall.
 */
final class BodyUpload {
  /** Where the body goes: Vert.x's client request ({@link #of}) or a {@link PlainChannel}. */
  interface Target {
    void write(Buffer chunk);

    /** Ends the body; completes once it is written whole. */
    Future<Void> end();

    boolean writeQueueFull();

    /** Runs {@code handler} once the write queue has room again. */
    void drainHandler(Handler<Void> handler);

    void exceptionHandler(Handler<Throwable> handler);

    /** Abandons the request (its connection is not reused). */
    void reset();
  }

  private final Vertx vertx;
  private final HttpServerRequest from;
  private final Target to;
  private final long writeTimeout;
  private final Promise<Void> sent = Promise.promise();
  private long timer = -1;

  private BodyUpload(Vertx vertx, HttpServerRequest from, Target to, long writeTimeout) {
    this.vertx = vertx;
    this.from = from;
    this.to = to;
    this.writeTimeout = writeTimeout;
  }

  /**
   * Starts sending {@code from}'s body to {@code to} (the request was paused until now).
   *
   * @return completes once the whole body is written upstream; fails with a {@link
   *     TimeoutException} when the upstream took nothing for {@code writeTimeout} ms (the caller
   *     resets the upstream request and answers 504), or with the client's or the upstream's
   *     error (the upstream request is then reset here)
   */
  static Future<Void> start(Vertx vertx, HttpServerRequest from, Target to, long writeTimeout) {
    BodyUpload upload = new BodyUpload(vertx, from, to, writeTimeout);
    upload.run();
    return upload.sent.future();
  }

  /** The target of a request of Vert.x's HTTP client. */
  static Target of(HttpClientRequest request) {
    return new Target() {
      @Override
      public void write(Buffer chunk) {
        request.write(chunk);
      }

      @Override
      public Future<Void> end() {
        return request.end();
      }

      @Override
      public boolean writeQueueFull() {
        return request.writeQueueFull();
      }

      @Override
      public void drainHandler(Handler<Void> handler) {
        request.drainHandler(handler);
      }

      @Override
      public void exceptionHandler(Handler<Throwable> handler) {
        request.exceptionHandler(handler);
      }

      @Override
      public void reset() {
        request.reset();
      }
    };
  }

  private void run() {
    from.handler(this::chunk);
    from.endHandler(v -> to.end().onComplete(ar -> {
      if (ar.succeeded()) {
        sent.tryComplete();
      } else {
        sent.tryFail(ar.cause());
      }
    }));
    from.exceptionHandler(this::failed);
    to.exceptionHandler(this::failed);
    from.resume();
  }

  private void chunk(Buffer chunk) {
    to.write(chunk);
    if (to.writeQueueFull() && timer < 0) {
      from.pause();
      timer = vertx.setTimer(writeTimeout, t -> {
        timer = -1;
        failed(new TimeoutException("the upstream took no request body bytes for " + writeTimeout + " ms"));
      });
      to.drainHandler(v -> {
        if (timer >= 0) {
          vertx.cancelTimer(timer);
          timer = -1;
        }
        from.resume();
      });
    }
  }

  private void failed(Throwable cause) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (sent.tryFail(cause)) {
      from.handler(null);
      from.endHandler(null);
      if (!from.isEnded()) {
        from.resume();
      }
      if (!(cause instanceof TimeoutException)) {
        to.reset();
      }
    }
  }
}
