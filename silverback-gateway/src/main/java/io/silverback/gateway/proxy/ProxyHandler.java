package io.silverback.gateway.proxy;

import io.silverback.core.router.RequestFacts;
import io.silverback.core.router.RouteMatch;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.silverback.gateway.plugin.PluginRun;
import io.silverback.gateway.tls.ProxyTls;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;

/**
 * The request handler of one event loop: Kong's rewrite and access phases. Matches the request
 * against the current snapshot (404 when nothing matches; 426 or a redirect when the route wants
 * HTTPS; Kong's refusals of non-gRPC requests on gRPC routes, {@link GrpcRequests}), runs the
 * plugins' access phase, answers a plugin's exit, or hands the exchange to an {@link UpstreamCall}
 * ({@link GrpcCall} for a gRPC service). Any unexpected failure answers Kong's 500. A gRPC client
 * gets these answers in Kong's gRPC shape ({@link GrpcReplies}).
 */
final class ProxyHandler implements Handler<HttpServerRequest> {
  private static final System.Logger LOG = System.getLogger(ProxyHandler.class.getName());

  private final Vertx vertx;
  private final ProxySnapshots snapshots;
  private final BalancerRegistry balancers;
  private final UpstreamClients clients;
  private final GrpcClients grpcClients;
  private final ProxyOptions options;
  private final ResponseHeaders kong;

  ProxyHandler(Vertx vertx, ProxySnapshots snapshots, BalancerRegistry balancers, UpstreamClients clients,
      GrpcClients grpcClients, ProxyOptions options) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.balancers = balancers;
    this.clients = clients;
    this.grpcClients = grpcClients;
    this.options = options;
    this.kong = options.headers();
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    try {
      route(request, start);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "proxying " + request.method() + " " + request.path() + " failed", e);
      error(request, 500, Replies.UNEXPECTED, start);
    }
  }

  private void route(HttpServerRequest request, long start) {
    ProxySnapshot snapshot = snapshots.current();
    MultiMap headers = request.headers();
    String host = headers.get(HttpHeaders.HOST);
    HttpConnection connection = request.connection();
    SocketAddress local = connection.localAddress(true);
    SocketAddress remote = connection.remoteAddress(true);
    RealIp realIp = options.realIp();
    String proxied = realIp.readsProxyProtocol() ? ProxyProtocol.source(connection) : null;
    RealIp.Client client = realIp.client(remote.hostAddress(), proxied, headers);
    String clientIp = client.ip();
    String requestId = options.requestIds() ? RequestId.next() : null;
    if (kong.requestId()) {
      request.response().headers().set(ResponseHeaders.X_KONG_REQUEST_ID, requestId);
    }
    RequestFacts facts = new RequestFacts(request.method().name(), ProxyTls.scheme(request), host, local.port(),
        request.path(), ProxyTls.serverName(connection).orElse(null),
        headers::getAll, clientIp, remote.port(), local.hostAddress());
    RouteMatch match = snapshot.router().match(facts);
    if (match == null) {
      error(request, 404, Replies.NO_ROUTE, start);
      return;
    }
    if (options.allowDebugHeader()) {
      DebugHeaders.add(request, match);
    }
    RouteSettings route = snapshot.route(match.route().id());
    if (route.grpc()) {
      if (GrpcRequests.refused(request, route, start, kong)) {
        return;
      }
    } else if (!match.protocolAllowed() && !ForwardedHeaders.httpsByTrustedProxy(client, headers)) {
      refuseHttp(request, route, start);
      return;
    }
    boolean hasBody = hasBody(request);
    if (hasBody || WebSocketTunnel.requested(request)) {
      request.pause();
    }
    MultiMap upstreamHeaders = UpstreamHeaders.build(request, match, route.stripPath(), clientIp, host, local.port());
    if (client.trusted()) {
      ForwardedHeaders.keep(headers, client, upstreamHeaders);
    }
    if (options.upstreamRequestId()) {
      upstreamHeaders.set(ResponseHeaders.X_KONG_REQUEST_ID, requestId);
    }
    Exchange exchange = new Exchange(vertx, request, snapshot, match, clientIp, start, upstreamHeaders, options);
    PluginRun run = snapshot.chain().run(exchange);
    if (run == PluginRun.NONE) {
      proceed(exchange, run, route, hasBody);
      return;
    }
    Future<Void> access = run.access();
    if (access.isComplete()) {
      accessDone(access, exchange, run, route, hasBody);
    } else {
      access.onComplete(ar -> accessDone(ar, exchange, run, route, hasBody));
    }
  }

  private void accessDone(AsyncResult<Void> ar, Exchange exchange, PluginRun run, RouteSettings route,
      boolean hasBody) {
    String routeId = exchange.match().route().id();
    if (ar.failed()) {
      LOG.log(System.Logger.Level.ERROR, "route " + routeId + ": a plugin's access phase failed", ar.cause());
      exchange.exit(500, Replies.UNEXPECTED);
    }
    try {
      proceed(exchange, run, route, hasBody);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "route " + routeId + ": proxying failed", e);
      error(exchange.request(), 500, Replies.UNEXPECTED, exchange.startNanos());
    }
  }

  private void proceed(Exchange exchange, PluginRun run, RouteSettings route, boolean hasBody) {
    if (exchange.exited()) {
      answerExit(exchange, run);
      return;
    }
    ServiceTarget service = exchange.service() == null ? null : exchange.snapshot().service(exchange.service().id());
    if (service == null) {
      exchange.exit(503, Replies.NO_SERVICE);
      answerExit(exchange, run);
      return;
    }
    UpstreamBalancer balancer = balancers.forHost(service.host());
    if (service.grpc()) {
      new GrpcCall(exchange, run, service, route, grpcClients, balancer).start();
      return;
    }
    boolean stream = hasBody && !exchange.bodyTaken();
    new UpstreamCall(exchange, run, service, route, clients, balancer, stream).start();
  }

  /** A plugin (or the runloop) ended the exchange: header filters, body filters, the answer, the log. */
  private void answerExit(Exchange exchange, PluginRun run) {
    HttpServerRequest request = exchange.request();
    HttpServerResponse response = request.response();
    if (exchange.exitHeaders() != null) {
      response.headers().addAll(exchange.exitHeaders());
    }
    Buffer body = exchange.exitBody();
    if (GrpcReplies.shapesExit(exchange)) {
      body = GrpcReplies.shapeExit(exchange.status(), body, response.headers());
    } else if (body != null && !response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
      response.headers().set(HttpHeaders.CONTENT_TYPE, Replies.JSON);
    }
    run.headerFilter();
    if (body != null && run.buffersResponse()) {
      body = run.bodyFilter(body);
    }
    if (!request.isEnded()) {
      request.handler(null);
      request.resume();
    }
    Replies.send(response, exchange.status(), body, null, exchange.startNanos(), kong);
    run.log();
  }

  /** The proxy's own error answer: Kong's JSON, or its gRPC shape to a gRPC client. */
  private void error(HttpServerRequest request, int status, String message, long start) {
    if (GrpcRequests.isGrpc(request)) {
      GrpcReplies.error(request.response(), status, start, kong);
    } else {
      Replies.error(request.response(), status, message, start, kong);
    }
  }

  private void refuseHttp(HttpServerRequest request, RouteSettings route, long start) {
    int status = route.httpsRedirectStatus();
    if (status == 426) {
      MultiMap upgrade = HttpHeaders.headers().set(HttpHeaders.CONNECTION, "Upgrade")
          .set(HttpHeaders.UPGRADE, "TLS/1.2, HTTP/1.1");
      request.response().headers().addAll(upgrade);
      Replies.error(request.response(), 426, Replies.USE_HTTPS, start, kong);
      return;
    }
    String host = request.authority() == null ? request.localAddress().hostAddress() : request.authority().host();
    request.response().headers().set(HttpHeaders.LOCATION, "https://" + host + request.uri());
    Replies.send(request.response(), status, null, null, start, kong);
  }

  /**
   * Whether the request announces a body: a non-zero length or a transfer coding (HTTP/1.1
   * framing). HTTP/2 bodies need neither (gRPC calls and streamed uploads have no length), and
   * Vert.x hands the request over before it sees whether the headers ended the stream: there, a
   * request other than GET or HEAD without a length is taken to have one (at worst an empty body
   * is streamed).
   */
  private static boolean hasBody(HttpServerRequest request) {
    MultiMap h = request.headers();
    if (request.version() == HttpVersion.HTTP_2 && !request.isEnded() && !h.contains(HttpHeaders.CONTENT_LENGTH)) {
      HttpMethod m = request.method();
      return m != HttpMethod.GET && m != HttpMethod.HEAD;
    }
    String length = h.get(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      return !length.equals("0");
    }
    return h.contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
