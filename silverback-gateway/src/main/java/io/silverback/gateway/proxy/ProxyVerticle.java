package io.silverback.gateway.proxy;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The proxy on one event loop: its share of every {@code proxy_listen} server (Vert.x spreads
 * the connections of servers bound to the same address over their event loops) and its own
 * upstream pools. Nothing is shared between loops but the snapshot and the balancers.
 */
final class ProxyVerticle extends VerticleBase {
  /** Largest request or response head accepted (nginx answers 494 above its header buffers). */
  static final int MAX_HEADER_SIZE = 32 * 1024;
  /** Longest request line (nginx's {@code large_client_header_buffers} is 8k: 414 above). */
  static final int MAX_REQUEST_LINE = 8 * 1024;
  /** Kong's {@code client_header_timeout} and {@code client_body_timeout}: 60 s. */
  static final int CLIENT_IDLE_SECONDS = 60;
  /** How long a connection whose request could not be decoded stays open for the answer to arrive. */
  static final long LINGER_MILLIS = 1_000;
  private static final System.Logger LOG = System.getLogger(ProxyVerticle.class.getName());

  private final ProxySnapshots snapshots;
  private final BalancerRegistry balancers;
  private final ProxyOptions options;
  private final List<HttpServer> servers = new ArrayList<>();
  private UpstreamClients clients;
  private GrpcClients grpcClients;
  private ProxyHandler handler;

  ProxyVerticle(ProxySnapshots snapshots, BalancerRegistry balancers, ProxyOptions options) {
    this.snapshots = snapshots;
    this.balancers = balancers;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    clients = new UpstreamClients(vertx, options.keepalive());
    grpcClients = new GrpcClients(vertx, options.keepalive().idleTimeoutSeconds());
    handler = new ProxyHandler(vertx, snapshots, balancers, clients, grpcClients, options);
    return Future.succeededFuture();
  }

  /** Binds {@code host:port} on this verticle's event loop, with {@code listener}'s settings. */
  Future<HttpServer> listen(String host, int port, UnaryOperator<HttpServerOptions> listener) {
    Promise<HttpServer> bound = Promise.promise();
    context.runOnContext(v -> {
      HttpServer server = vertx.createHttpServer(listener.apply(options(host, port)))
          .requestHandler(handler)
          .invalidRequestHandler(this::invalid)
          .exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, () -> "proxy connection: " + e));
      server.listen().onSuccess(servers::add).onComplete(bound);
    });
    return bound.future();
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    clients.close();
    grpcClients.close();
    return Future.join(closing);
  }

  /**
   * Plain HTTP/1.x, as Kong's plain listeners: no h2c (a stray {@code Upgrade: h2c} is only a
   * header) unless the listener says {@code http2} ({@link
   * io.silverback.gateway.tls.ProxyTls#serverOptions}). Strict thread mode: every request is served
   * on its connection's event loop, so Vert.x can skip the hand-offs it needs for requests used
   * from other threads.
   */
  private static HttpServerOptions options(String host, int port) {
    return new HttpServerOptions().setHost(host).setPort(port)
        .setMaxHeaderSize(MAX_HEADER_SIZE)
        .setMaxInitialLineLength(MAX_REQUEST_LINE)
        .setIdleTimeout(CLIENT_IDLE_SECONDS)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setStrictThreadMode(true)
        .setHandle100ContinueAutomatically(false);
  }

  /**
   * A request the decoder refused: Kong's error-page answers, then the connection is closed after
   * {@value #LINGER_MILLIS} ms. Closing at once would reset the connection while the client is
   * still sending the rest of its oversized request, and the reset can destroy the answer; the
   * failed decoder discards whatever arrives meanwhile (nginx's lingering close).
   */
  private void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String message = Replies.BAD_REQUEST;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = Replies.URI_TOO_LONG;
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      message = Replies.HEADER_TOO_LARGE;
    }
    request.response().headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    Replies.error(request.response(), status, message, System.nanoTime(), options.headers());
    vertx.setTimer(LINGER_MILLIS, t -> request.connection().close());
  }
}
