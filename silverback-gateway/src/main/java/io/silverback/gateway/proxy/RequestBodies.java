package io.silverback.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a client's whole request body for a plugin that asked for it, within a size limit. */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * The whole body of {@code request}.
   *
   * @return a future failed with a {@link ProxyException} when the body exceeds {@code maxBytes}
   *     (the rest is not read) or the client goes away
   */
  static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
    if (request.isEnded()) {
      return Future.succeededFuture(Buffer.buffer(0));
    }
    Promise<Buffer> done = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        request.pause();
        done.tryFail(new ProxyException("request body exceeds " + maxBytes + " bytes"));
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(e -> done.tryFail(new ProxyException("reading the request body failed: " + e, e)));
    request.endHandler(v -> done.tryComplete(body));
    request.resume();
    return done.future();
  }
}
