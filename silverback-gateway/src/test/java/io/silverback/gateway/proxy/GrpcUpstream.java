package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC-ish upstream on a loopback port, written with Vert.x's HTTP/2 server: no protobuf, only
 * gRPC's length-prefixed messages ({@link #frame}) with {@code application/grpc} and trailers.
 * Cleartext (h2c, prior knowledge) or TLS with ALPN h2. Methods, by path:
 *
 * <ul>
 *   <li>{@code /echo.Echo/Unary}: answers the messages it got, then {@code grpc-status: 0};
 *   <li>{@code /echo.Echo/Server}: three messages {@code one}, {@code two}, {@code three}; the
 *       third only once {@link #releaseLast} completes;
 *   <li>{@code /echo.Echo/Client}: counts the messages as they arrive ({@link #received}) and
 *       answers one message {@code got <n>} at the end of the request;
 *   <li>{@code /echo.Echo/Bidi}: answers {@code echo <m>} to each message as it arrives;
 *   <li>{@code /echo.Echo/Missing}: a trailers-only answer, {@code grpc-status: 5};
 *   <li>{@code /echo.Echo/Stall}: never answers.
 * </ul>
 *
 * The last request's headers (with {@code :path} and {@code :authority}) are in {@link #seen};
 * {@link #resets} counts the calls whose stream closed before their answer ended.
 */
final class GrpcUpstream implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  final AtomicInteger received = new AtomicInteger();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  volatile CompletableFuture<Void> releaseLast = new CompletableFuture<>();
  volatile MultiMap seen;

  private GrpcUpstream(Vertx vertx, boolean tls) throws Exception {
    this.vertx = vertx;
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
    if (tls) {
      SelfSignedCertificate cert = SelfSignedCertificate.create("grpc.example.com");
      options.setSsl(true).setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2))
          .setKeyCertOptions(cert.keyCertOptions());
    } else {
      options.setHttp2ClearTextEnabled(true);
    }
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    server.listen().await(10, TimeUnit.SECONDS);
  }

  static GrpcUpstream start(Vertx vertx, boolean tls) {
    try {
      return new GrpcUpstream(vertx, tls);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the gRPC upstream", e);
    }
  }

  int port() {
    return server.actualPort();
  }

  /** One gRPC message: uncompressed flag, 4-byte big-endian length, then the text. */
  static Buffer frame(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendByte((byte) 0).appendInt(bytes.length).appendBytes(bytes);
  }

  /** The whole messages in {@code body}, as text (a partial last one is left out). */
  static List<String> messages(Buffer body) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while (at + 5 <= body.length() && at + 5 + body.getInt(at + 1) <= body.length()) {
      int length = body.getInt(at + 1);
      out.add(body.getString(at + 5, at + 5 + length, "UTF-8"));
      at += 5 + length;
    }
    return out;
  }

  private void handle(HttpServerRequest request) {
    calls.incrementAndGet();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    headers.set(":path", request.uri()).set(":authority", String.valueOf(request.authority()))
        .set(":version", request.version().name());
    seen = headers;
    request.response().closeHandler(v -> {
      if (!request.response().ended()) {
        resets.incrementAndGet();
      }
    });
    String method = request.path().substring(request.path().lastIndexOf('/') + 1);
    switch (method) {
      case "Unary" -> request.body().onSuccess(body -> {
        start(request).write(body);
        finish(request, "0");
      });
      case "Server" -> {
        request.end().onSuccess(v -> {
          start(request).write(frame("one"));
          request.response().write(frame("two"));
          releaseLast.thenRun(() -> vertx.runOnContext(x -> {
            request.response().write(frame("three"));
            finish(request, "0");
          }));
        });
      }
      case "Client" -> {
        Buffer pending = Buffer.buffer();
        AtomicInteger count = new AtomicInteger();
        request.handler(chunk -> {
          pending.appendBuffer(chunk);
          int whole = messages(pending).size();
          received.addAndGet(whole - count.getAndSet(whole));
        });
        request.endHandler(v -> {
          start(request).write(frame("got " + count.get()));
          finish(request, "0");
        });
      }
      case "Bidi" -> {
        Buffer pending = Buffer.buffer();
        AtomicInteger answered = new AtomicInteger();
        start(request);
        request.handler(chunk -> {
          pending.appendBuffer(chunk);
          List<String> whole = messages(pending);
          for (int i = answered.get(); i < whole.size(); i++) {
            request.response().write(frame("echo " + whole.get(i)));
          }
          answered.set(whole.size());
        });
        request.endHandler(v -> finish(request, "0"));
      }
      case "Missing" -> request.end().onSuccess(v -> request.response().putHeader("content-type", "application/grpc")
          .putHeader("grpc-status", "5").putHeader("grpc-message", "no such thing").end());
      default -> { }
    }
  }

  private static io.vertx.core.http.HttpServerResponse start(HttpServerRequest request) {
    return request.response().putHeader("content-type", "application/grpc").putHeader("x-upstream", "grpc");
  }

  private static void finish(HttpServerRequest request, String status) {
    request.response().putTrailer("grpc-status", status).putTrailer("grpc-message", "").end();
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }
}
