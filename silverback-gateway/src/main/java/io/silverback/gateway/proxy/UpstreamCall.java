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
 * {@link ResponseRelay}. Requests to plain (not TLS) upstreams, WebSocket handshakes aside, go over
 * a {@link PlainChannel}; the others over Vert.x's HTTP client.
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
  /** The attempt's destination: its address, TLS settings (null for http), authority and pool key. */
  private SocketAddress address;
  private ClientSSLOptions tls;
  private HostAndPort authority;
  private Object destination;
  /** The attempt goes over a {@link PlainChannel}. */
  private boolean plain;
  /** The attempt's connection, until it goes back to the pool. */
  private UpstreamConnection lease;
  /** The request went out whole (the connection may serve another one). */
  private boolean requestSent;
  private ResponseRelay relay;

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
    requestSent = false;
    this.address = address;
    this.tls = tls;
    this.authority = authority;
    this.plain = tls == null && !WebSocketTunnel.requested(request);
    this.destination = plain ? UpstreamPool.plainKey(address)
        : UpstreamPool.key(address, tls, tls == null ? null : authority.host());
    obtain();
  }

  /** A kept connection to the attempt's destination, else a new one. */
  private void obtain() {
    UpstreamPool pool = clients.pool();
    UpstreamConnection kept = pool.idle(destination);
    if (kept != null) {
      request(kept);
      return;
    }
    (plain ? pool.connectPlain(destination, address, service.connectTimeout())
        : pool.connect(destination, address, tls, authority.host(), service.connectTimeout())).onComplete(ar -> {
      if (ar.failed()) {
        attemptFailed(ar.cause(), true);
      } else {
        request(ar.result());
      }
    });
  }

  private void request(UpstreamConnection c) {
    if (finished) {
      clients.pool().release(c, true);
      return;
    }
    lease = c;
    boolean reused = c.requests() > 0;
    c.countRequest();
    if (c.plain() != null) {
      sendPlain(c, reused);
      return;
    }
    RequestOptions options = new RequestOptions()
        .setMethod(exchange.upstreamHttpMethod())
        .setURI(exchange.upstreamUri())
        .setHeaders(exchange.upstreamHeaders());
    c.connection().request(options).onComplete(ar -> {
      if (ar.succeeded()) {
        send(ar.result(), authority);
      } else if (reused && c == lease) {
        // the upstream closed the kept connection meanwhile: nothing was sent, take another
        lease = null;
        clients.pool().release(c, false);
        obtain();
      } else {
        attemptFailed(ar.cause(), true);
      }
    });
  }

  /**
   * Sends the request over a plain channel, whole or with its body streamed ({@link BodyUpload});
   * its response goes to {@link #responded(UpstreamResponse)}.
   */
  private void sendPlain(UpstreamConnection c, boolean reused) {
    PlainChannel channel = c.plain();
    PlainChannel.Listener listener = plainListener(c, reused);
    if (!streamBody) {
      channel.send(exchange.upstreamHttpMethod(), exchange.upstreamUri(), exchange.upstreamHeaders(),
          authority.toString(), exchange.bufferedBody(), listener);
      return;
    }
    bodyStreamed = true;
    BodyUpload.Target body = channel.stream(exchange.upstreamHttpMethod(), exchange.upstreamUri(),
        exchange.upstreamHeaders(), authority.toString(), listener);
    BodyUpload.start(exchange.vertx(), request, body, service.writeTimeout()).onComplete(ar -> {
      if (ar.failed() && ar.cause() instanceof TimeoutException && c == lease && !finished) {
        channel.hardClose();
        attemptFailed(ar.cause(), false);
      }
    });
  }

  /** What a plain channel's request reports back to this call (while {@code c} is its lease). */
  private PlainChannel.Listener plainListener(UpstreamConnection c, boolean reused) {
    return new PlainChannel.Listener() {
      @Override
      public void written() {
        if (c == lease && !finished) {
          requestSent = true;
          if (relay == null) {
            lease.watchReads(service.readTimeout(), UpstreamCall.this::readTimedOut);
          }
        }
      }

      @Override
      public void responded(PlainResponse response) {
        if (c == lease && !finished) {
          UpstreamCall.this.responded(response);
        }
      }

      @Override
      public void failed(Throwable cause) {
        if (c != lease || finished) {
          return;
        }
        if (reused && !requestSent && !bodyStreamed) {
          // the upstream closed the kept connection meanwhile: nothing was sent, take another
          lease = null;
          clients.pool().release(c, false);
          obtain();
        } else {
          attemptFailed(cause, !bodyStreamed);
        }
      }
    };
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
      BodyUpload.start(exchange.vertx(), request, BodyUpload.of(up), service.writeTimeout()).onComplete(ar -> {
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
    if (up == upstream) {
      requestSent = true;
    }
    if (!finished && relay == null && lease != null) {
      lease.watchReads(service.readTimeout(), this::readTimedOut);
    }
  }

  /** Kong's {@code read_timeout} passed: before the response head a failed attempt, after it a cut relay. */
  private void readTimedOut() {
    if (finished) {
      return;
    }
    if (relay == null) {
      attemptFailed(new TimeoutException("no response within the read_timeout of " + service.readTimeout() + " ms"),
          !bodyStreamed);
    } else {
      lease.close();
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
    if (r.statusCode() == 101 && WebSocketTunnel.requested(request)) {
      reportResponse(101);
      exchange.status(101);
      response.setStatusCode(101);
      WebSocketTunnel.open(request, r, this::finish);
      return;
    }
    responded(UpstreamResponse.of(r));
  }

  /** The response head arrived: the relay takes it to the client. */
  private void responded(UpstreamResponse r) {
    reportResponse(r.statusCode());
    relay = new ResponseRelay(exchange, run, r, lease, service.readTimeout(), this::finish);
    relay.relay();
  }

  /** The attempt got an answer: its latency, and the peer's passive health. */
  private void reportResponse(int status) {
    long latency = (System.nanoTime() - attemptNanos) / 1_000_000;
    exchange.upstreamLatency(latency);
    if (peer != null) {
      balancer.report(peer, Outcome.RESPONSE, status, latency);
    }
    lease.readNow();
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
    giveBack(false);
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
      if (lease != null) {
        lease.close();
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
    giveBack(requestSent && relay != null && relay.leavesConnectionReusable());
    if (peer != null) {
      balancer.release(peer);
      peer = null;
    }
    run.log();
  }

  /** The attempt's connection goes back to the pool: kept when the exchange on it ended cleanly, else closed. */
  private void giveBack(boolean clean) {
    UpstreamConnection c = lease;
    lease = null;
    if (c != null) {
      c.stopWatching();
      clients.pool().release(c, clean);
    }
  }
}
