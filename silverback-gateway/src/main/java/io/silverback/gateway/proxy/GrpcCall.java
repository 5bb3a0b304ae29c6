package io.silverback.gateway.proxy;

import io.silverback.gateway.balancer.Outcome;
import io.silverback.gateway.balancer.Peer;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The upstream side of an exchange with a {@code grpc} or {@code grpcs} service, Kong's {@code
 * location @grpc} ({@code grpc_pass}): the request goes out as a stream on the event loop's
 * HTTP/2 connection to the peer ({@link GrpcClients}), its body streamed as it arrives (client
 * streaming), and the answer comes back through {@link GrpcRelay} with its trailers.
 *
 * <p>Kept apart from {@link UpstreamCall} because a stream is not a connection: a broken or
 * abandoned call resets its stream, never the connection other calls share. Otherwise the same
 * rules: a peer from the balancer, {@code retries} after a connection error or timeout only while
 * nothing of the request was sent, {@code read_timeout} as the stream's idle timeout (between two
 * messages either way), each attempt reported to the balancer. The path is sent as is (gRPC routes
 * cannot strip) and {@code TE: trailers} when the client asked for trailers, as Kong's {@code
 * $upstream_te}. Failures answer gRPC clients in Kong's shapes ({@link GrpcReplies}).
 */
final class GrpcCall {
  private static final System.Logger LOG = System.getLogger(GrpcCall.class.getName());
  private static final CharSequence TE = HttpHeaders.createOptimized("te");
  private static final CharSequence TRAILERS = HttpHeaders.createOptimized("trailers");

  private final Exchange exchange;
  private final PluginRun run;
  private final ServiceTarget service;
  private final RouteSettings route;
  private final GrpcClients clients;
  private final UpstreamBalancer balancer;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private Set<Peer> tried = Set.of();
  private Failure lastFailure;
  private Peer peer;
  private int attempts;
  private long attemptNanos;
  private boolean bodySent;
  private HttpClientRequest upstream;
  private boolean finished;

  GrpcCall(Exchange exchange, PluginRun run, ServiceTarget service, RouteSettings route, GrpcClients clients,
      UpstreamBalancer balancer) {
    this.exchange = exchange;
    this.run = run;
    this.service = service;
    this.route = route;
    this.clients = clients;
    this.balancer = balancer;
    this.request = exchange.request();
    this.response = request.response();
  }

  void start() {
    response.closeHandler(v -> clientGone());
    MultiMap headers = exchange.upstreamHeaders();
    if (asksForTrailers(request.headers().get(TE))) {
      headers.set(TE, TRAILERS);
    }
    attempt();
  }

  private void attempt() {
    ClientSSLOptions tls = service.tls() ? clients.tls(service) : null;
    if (service.tls() && tls == null) {
      fail(502, Replies.BAD_GATEWAY, true);
      return;
    }
    SocketAddress address;
    HostAndPort authority;
    if (balancer != null) {
      peer = balancer.pick(exchange, tried);
      if (peer == null) {
        if (lastFailure != null) {
          fail(lastFailure.status(), lastFailure.message(), lastFailure != Failure.NAME_RESOLUTION);
        } else {
          fail(503, Replies.noPeer(balancer), false);
        }
        return;
      }
      address = SocketAddress.inetSocketAddress(peer.port(), peer.host());
      authority = service.authority(balancer, peer);
    } else {
      address = service.address();
      authority = service.authority();
    }
    if (route.preserveHost()) {
      HostAndPort client = request.authority();
      authority = client == null ? authority : client;
    }
    attempts++;
    attemptNanos = System.nanoTime();
    RequestOptions options = new RequestOptions()
        .setServer(address)
        .setMethod(exchange.upstreamHttpMethod())
        .setURI(exchange.upstreamUri())
        .setHeaders(exchange.upstreamHeaders())
        .setConnectTimeout(service.connectTimeout());
    if (tls != null) {
      options.setSsl(true).setSslOptions(tls).setHost(authority.host());
    }
    HostAndPort sentAuthority = authority;
    clients.client().request(options).onComplete(ar -> {
      if (ar.failed()) {
        attemptFailed(ar.cause());
      } else {
        send(ar.result(), sentAuthority);
      }
    });
  }

  private void send(HttpClientRequest up, HostAndPort authority) {
    if (finished) {
      up.reset();
      return;
    }
    upstream = up;
    up.authority(authority);
    up.idleTimeout(service.readTimeout());
    up.response().onComplete(this::responded);
    bodySent = true;
    Buffer body = exchange.bufferedBody();
    if (body != null) {
      up.end(body);
    } else {
      if (!up.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        up.setChunked(true); // no chunked coding on HTTP/2: Vert.x only wants to know the length is open
      }
      request.pipe().endOnFailure(false).to(up).onFailure(e -> {
        if (!finished) {
          up.reset();
        }
      });
    }
  }

  private void responded(AsyncResult<HttpClientResponse> ar) {
    if (finished) {
      return;
    }
    if (ar.failed()) {
      attemptFailed(ar.cause());
      return;
    }
    HttpClientResponse r = ar.result();
    long latency = (System.nanoTime() - attemptNanos) / 1_000_000;
    exchange.upstreamLatency(latency);
    if (peer != null) {
      balancer.report(peer, Outcome.RESPONSE, r.statusCode(), latency);
    }
    new GrpcRelay(exchange, run, r, upstream, this::finish).relay();
  }

  /** An attempt failed: retried on another peer while nothing was sent, else answered. */
  private void attemptFailed(Throwable error) {
    Failure failure = Failure.of(error);
    lastFailure = failure;
    if (peer != null) {
      balancer.report(peer, failure.outcome(), 0, 0);
      balancer.release(peer);
      if (tried.isEmpty()) {
        tried = new HashSet<>();
      }
      tried.add(peer);
      peer = null;
    }
    if (upstream != null) {
      upstream.reset();
      upstream = null;
    }
    if (!bodySent && failure != Failure.NAME_RESOLUTION && attempts <= service.retries() && !finished) {
      attempt();
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "service " + service.id() + ": gRPC attempt " + attempts + " to "
        + service.host() + " failed: " + error);
    fail(failure.status(), failure.message(), failure != Failure.NAME_RESOLUTION);
  }

  /**
   * Ends the exchange with an error: nginx's error page for a failed upstream ({@code upstream}
   * true: 502, 504), else {@code kong.response.error} (503). A response already under way is reset.
   */
  private void fail(int status, String message, boolean upstreamFailed) {
    if (finished) {
      return;
    }
    exchange.status(status);
    run.headerFilter();
    if (!GrpcRequests.isGrpc(request)) {
      Replies.error(response, status, message, exchange.startNanos(), exchange.options().headers());
    } else if (upstreamFailed) {
      GrpcReplies.failure(response, status, message, exchange.startNanos(), exchange.options().headers());
    } else {
      GrpcReplies.error(response, status, exchange.startNanos(), exchange.options().headers());
    }
    if (!request.isEnded()) {
      request.handler(null);
      request.resume();
    }
    finish();
  }

  private void clientGone() {
    if (!finished) {
      if (upstream != null && !response.ended()) {
        upstream.reset();
      }
      finish();
    }
  }

  /** The exchange is over (answered, failed, or the client went away): release the peer, then log. */
  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (peer != null) {
      balancer.release(peer);
      peer = null;
    }
    run.log();
  }

  /** Whether a client's {@code TE} names {@code trailers}. */
  static boolean asksForTrailers(String te) {
    if (te == null) {
      return false;
    }
    for (String token : te.split(",")) {
      String t = token.trim();
      int semi = t.indexOf(';');
      if ((semi < 0 ? t : t.substring(0, semi).trim()).equalsIgnoreCase("trailers")) {
        return true;
      }
    }
    return false;
  }
}
