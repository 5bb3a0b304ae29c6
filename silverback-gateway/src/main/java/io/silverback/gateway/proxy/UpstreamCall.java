package io.silverback.gateway.proxy;

import io.silverback.gateway.balancer.Outcome;
import io.silverback.gateway.balancer.Peer;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.AsyncResult;
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
import java.util.concurrent.TimeoutException;

/**
 * The upstream side of one exchange: picks a peer, connects through the event loop's keep-alive
 * pool, sends the request (streamed, or whole when a plugin read it) and hands the response to
 * {@link ResponseRelay}.
 *
 * <p>Retries follow nginx's {@code proxy_next_upstream error timeout} as Kong configures it: a
 * connection error or timeout before any response byte reached the client is retried on another
 * peer ({@code tried}), up to the service's {@code retries}, but only while the request body can
 * still be sent again (no body, or a buffered one). Every attempt is reported to the balancer and
 * its peer released. When every peer was tried, the last failure is the answer (502 or 504), not
 * the 503 of an upstream without peers.
 */
final class UpstreamCall {
  private static final System.Logger LOG = System.getLogger(UpstreamCall.class.getName());

  private final Exchange exchange;
  private final PluginRun run;
  private final ServiceTarget service;
  private final RouteSettings route;
  private final UpstreamClients clients;
  private final UpstreamBalancer balancer;
  private final boolean streamBody;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private Set<Peer> tried = Set.of();
  private Failure lastFailure;
  private Peer peer;
  private int attempts;
  private long attemptNanos;
  private boolean bodyStreamed;
  private HttpClientRequest upstream;
  private boolean finished;

  UpstreamCall(Exchange exchange, PluginRun run, ServiceTarget service, RouteSettings route, UpstreamClients clients,
      UpstreamBalancer balancer, boolean streamBody) {
    this.exchange = exchange;
    this.run = run;
    this.service = service;
    this.route = route;
    this.clients = clients;
    this.balancer = balancer;
    this.streamBody = streamBody;
    this.request = exchange.request();
    this.response = request.response();
  }

  void start() {
    response.closeHandler(v -> clientGone());
    attempt();
  }

  private void attempt() {
    ClientSSLOptions tls = service.tls() ? clients.tls(service) : null;
    if (service.tls() && tls == null) {
      fail(502, Replies.BAD_GATEWAY);
      return;
    }
    SocketAddress address;
    HostAndPort authority;
    if (balancer != null) {
      peer = balancer.pick(exchange, tried);
      if (peer == null && lastFailure != null) {
        fail(lastFailure.status(), lastFailure.message());
        return;
      }
      if (peer == null) {
        fail(503, Replies.noPeer(balancer));
        return;
      }
      address = SocketAddress.inetSocketAddress(peer.port(), peer.host());
      authority = service.authority(balancer, peer);
    } else {
      address = service.address();
      authority = service.authority();
    }
    if (route.preserveHost()) {
      String raw = request.headers().get(HttpHeaders.HOST);
      HostAndPort client = raw == null ? null : HostAndPort.parseAuthority(raw, -1);
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
      // Kong's proxy_ssl_name $upstream_host: SNI and host name verification use the Host sent
      options.setSsl(true).setSslOptions(tls).setHost(authority.host());
    }
    HostAndPort sentAuthority = authority;
    clients.client().request(options).onComplete(ar -> {
      if (ar.failed()) {
        attemptFailed(ar.cause(), true);
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
    Buffer body = exchange.bufferedBody();
    if (WebSocketTunnel.requested(request)) {
      up.idleTimeout(service.readTimeout());
      up.connect().onComplete(ar -> responded(up, ar));
      return;
    }
    up.response().onComplete(ar -> responded(up, ar));
    if (body != null) {
      up.end(body).onSuccess(v -> sent(up));
    } else if (streamBody) {
      bodyStreamed = true;
      if (!up.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        up.setChunked(true);
      }
      BodyUpload.start(exchange.vertx(), request, up, service.writeTimeout()).onComplete(ar -> {
        if (ar.succeeded()) {
          sent(up);
        } else if (ar.cause() instanceof TimeoutException && up == upstream && !finished) {
          HardClose.close(up.connection());
          attemptFailed(ar.cause(), false);
        }
      });
    } else {
      up.end().onSuccess(v -> sent(up));
    }
  }

  /** The request is sent: Kong's {@code read_timeout} runs from here until the response head. */
  private void sent(HttpClientRequest up) {
    if (!finished && !response.headWritten()) {
      up.idleTimeout(service.readTimeout());
    }
  }

  private void responded(HttpClientRequest up, AsyncResult<HttpClientResponse> ar) {
    if (finished || up != upstream) {
      return;
    }
    if (ar.failed()) {
      attemptFailed(ar.cause(), !bodyStreamed);
      return;
    }
    HttpClientResponse r = ar.result();
    long latency = (System.nanoTime() - attemptNanos) / 1_000_000;
    exchange.upstreamLatency(latency);
    if (peer != null) {
      balancer.report(peer, Outcome.RESPONSE, r.statusCode(), latency);
    }
    new ResponseRelay(exchange, run, r, upstream, service.readTimeout(), this::finish).relay();
  }

  private void attemptFailed(Throwable error, boolean retriable) {
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
    HttpClientRequest abandoned = upstream;
    upstream = null;
    if (abandoned != null) {
      abandoned.reset();
    }
    if (retriable && failure != Failure.NAME_RESOLUTION && attempts <= service.retries() && !response.headWritten()
        && !finished) {
      attempt();
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, () -> "service " + service.id() + ": attempt " + attempts + " to "
        + service.host() + " failed: " + error);
    fail(failure.status(), failure.message());
  }

  private void fail(int status, String message) {
    boolean bodyLeft = !request.isEnded();
    if (bodyLeft) {
      response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    exchange.status(status);
    run.headerFilter();
    Replies.error(response, status, message, exchange.startNanos(), exchange.options().headers());
    if (bodyLeft) {
      // the rest of the body is not wanted: close once the answer had time to arrive (lingering close)
      exchange.vertx().setTimer(ProxyVerticle.LINGER_MILLIS, t -> request.connection().close());
    }
    finish();
  }

  private void clientGone() {
    if (!finished) {
      if (upstream != null) {
        upstream.connection().close();
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
}
