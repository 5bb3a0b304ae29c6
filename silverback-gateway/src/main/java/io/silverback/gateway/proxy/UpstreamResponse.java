package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;

/**
 * An upstream's response as {@link ResponseRelay} reads it, whichever client received it: Vert.x's
 * ({@link #of(HttpClientResponse)}) or a plain channel's ({@link PlainResponse}).
 */
interface UpstreamResponse {
  int statusCode();

  HttpVersion version();

  MultiMap headers();

  /** The body, read once. */
  ReadStream<Buffer> body();

  /** A response of Vert.x's HTTP client. */
  static UpstreamResponse of(HttpClientResponse response) {
    return new UpstreamResponse() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public HttpVersion version() {
        return response.version();
      }

      @Override
      public MultiMap headers() {
        return response.headers();
      }

      @Override
      public ReadStream<Buffer> body() {
        return response;
      }
    };
  }
}
