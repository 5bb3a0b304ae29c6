package io.silverback.gateway.stream;

import io.netty.channel.ConnectTimeoutException;
import io.silverback.core.router.StreamConnection;
import io.silverback.core.router.StreamMatch;
import io.silverback.core.typedef.IpRanges;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.balancer.Outcome;
import io.silverback.gateway.balancer.Peer;
import io.silverback.gateway.balancer.UpstreamBalancer;
import io.silverback.gateway.tls.TlsException;
import io.silverback.gateway.tls.UpstreamTls;
import io.vertx.core.Vertx;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * One accepted stream connection, as Kong's stream preread and balancer phases handle it: match a
 * route (none: the connection is closed and logged at debug, as nginx does), apply ip-restriction,
 * pick a peer (through the service's upstream balancer when its host names one), connect within
 * {@code connect_timeout}, and on a failed connect report it to the balancer and try again, up to
 * {@code retries} more times (another peer of the upstream when there is one). Then the bytes are
 * piped ({@link StreamPipe}). The client is paused from the start, so nothing it sends early is
 * lost.
 */
final class StreamSession {
  private static final System.Logger LOG = System.getLogger(StreamSession.class.getName());

  private final Vertx vertx;
  private final NetClient client;
  private final UpstreamTls upstreamTls;
  private final NetSocket downstream;
  private final StreamConnection facts;
  private final StreamMatch match;
  private final StreamTarget target;
  private final UpstreamBalancer balancer;
  private final Set<Peer> tried = new HashSet<>();
  private int attempts;
  /** Whether the client went away while the upstream connection was being made. */
  private boolean gone;

  private StreamSession(Vertx vertx, NetClient client, UpstreamTls upstreamTls, NetSocket downstream,
      StreamConnection facts, StreamMatch match, StreamTarget target, UpstreamBalancer balancer) {
    this.vertx = vertx;
    this.client = client;
    this.upstreamTls = upstreamTls;
    this.downstream = downstream;
    this.facts = facts;
    this.match = match;
    this.target = target;
    this.balancer = balancer;
    downstream.closeHandler(v -> gone = true);
  }

  /** Serves {@code downstream}, accepted with {@code facts}, from {@code snapshot}. */
  static void serve(Vertx vertx, NetClient client, UpstreamTls upstreamTls, BalancerRegistry balancers,
      StreamSnapshot snapshot, NetSocket downstream, StreamConnection facts) {
    downstream.pause();
    StreamMatch match = snapshot.router().match(facts);
    if (match == null) {
      LOG.log(System.Logger.Level.DEBUG, () -> "no stream route for " + describe(facts));
      downstream.close();
      return;
    }
    String routeId = match.route().id();
    String serviceId = match.service().id();
    if (snapshot.restriction().denies(routeId, serviceId, facts.protocol(), facts.sourceIp())) {
      LOG.log(System.Logger.Level.WARNING, "IP address not allowed: " + facts.sourceIp() + " (route " + routeId + ")");
      downstream.close();
      return;
    }
    StreamTarget target = snapshot.services().get(serviceId);
    new StreamSession(vertx, client, upstreamTls, downstream, facts, match, target,
        balancers.forHost(target.host())).connect();
  }

  private void connect() {
    Peer peer = null;
    String host = target.host();
    int port = target.port();
    if (balancer != null) {
      peer = balancer.pick(new StreamHashInput(facts.sourceIp()), tried);
      if (peer == null) {
        LOG.log(System.Logger.Level.ERROR, () -> "failure to get a peer from the ring-balancer " + balancer.name()
            + " for route " + match.route().id() + (attempts > 0 ? " after " + attempts + " attempts" : ""));
        downstream.close();
        return;
      }
      host = peer.host();
      port = peer.port();
    }
    attempts++;
    Peer picked = peer;
    ConnectOptions options = new ConnectOptions().setHost(host).setPort(port).setTimeout(target.connectTimeout());
    if (target.tls() && !secure(options, picked)) {
      return;
    }
    String address = host + ":" + port;
    client.connect(options).onComplete(ar -> {
      if (ar.succeeded()) {
        piped(picked, ar.result());
      } else {
        boolean timeout = ar.cause() instanceof ConnectTimeoutException;
        fail(picked, timeout ? Outcome.TIMEOUT : Outcome.TCP_FAILURE, "connecting to " + address + " failed: "
            + ar.cause().getMessage(), true);
      }
    });
  }

  /**
   * Sets {@code options} up for a {@code tls} service: the connection goes to the peer, while the
   * name in SNI and in the certificate check is {@link #sni}.
   *
   * @return false when the service's TLS settings cannot be used (the session failed)
   */
  private boolean secure(ConnectOptions options, Peer peer) {
    try {
      if (target.tlsKey() == null) {
        throw new TlsException("a CA or client certificate it names cannot be read");
      }
      String name = sni(peer);
      options.setRemoteAddress(SocketAddress.inetSocketAddress(options.getPort(), options.getHost()))
          .setHost(name).setSniServerName(IpRanges.isAddress(name) ? null : name).setSsl(true).setSslOptions(upstreamTls.sslOptions(target.tlsKey()));
      return true;
    } catch (TlsException e) {
      fail(peer, Outcome.TCP_FAILURE, "unable to set upstream TLS of service " + target.id() + ": " + e.getMessage(),
          false);
      return false;
    }
  }

  private void piped(Peer peer, NetSocket upstream) {
    if (gone) {
      upstream.close();
      release(peer);
      return;
    }
    StreamPipe.start(vertx, downstream, upstream, target.writeTimeout(), target.readTimeout(), () -> release(peer));
  }

  private void fail(Peer peer, Outcome outcome, String why, boolean retry) {
    if (peer != null) {
      balancer.report(peer, outcome, 0, 0);
      balancer.release(peer);
      tried.add(peer);
    }
    LOG.log(System.Logger.Level.ERROR, () -> why + " (route " + match.route().id() + ", service " + target.id()
        + ", attempt " + attempts + " of " + (target.retries() + 1) + ")");
    if (retry && attempts <= target.retries() && !gone) {
      connect();
    } else {
      downstream.close();
    }
  }

  private void release(Peer peer) {
    if (peer != null) {
      balancer.release(peer);
    }
  }

  /**
   * The name sent in SNI to a {@code tls} upstream, as Kong's {@code proxy_ssl_name
   * $upstream_host}: the client's SNI with {@code preserve_host}, else the upstream's {@code
   * host_header}, else the peer's or service's host (Vert.x sends none for an IP address).
   */
  private String sni(Peer peer) {
    if (match.route().get("preserve_host").asBoolean(false) && facts.sni() != null) {
      return facts.sni();
    }
    if (balancer != null) {
      return balancer.hostHeader() != null ? balancer.hostHeader() : peer.host();
    }
    return target.host();
  }

  private static String describe(StreamConnection c) {
    return c.protocol() + " connection from " + c.sourceIp() + ":" + c.sourcePort() + " to " + c.destinationIp()
        + ":" + c.destinationPort() + (c.sni() == null ? "" : " (SNI " + c.sni() + ")");
  }
}
