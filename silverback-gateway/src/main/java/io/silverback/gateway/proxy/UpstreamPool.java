package io.silverback.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream keep-alive pool of one event loop, as nginx's upstream keepalive module that Kong
 * configures ({@code upstream_keepalive_pool_size}, {@code _max_requests}, {@code _idle_timeout}):
 * idle connections are cached per destination (address, and for TLS the client settings and the
 * server name; {@link PlainChannel}s apart from Vert.x's connections), the most recently used is
 * taken first, at most the pool size stay idle per destination, a connection is closed after the
 * maximum of requests or once idle for the idle timeout ({@link UpstreamKeepalive}). Connections
 * in use are not counted or limited (nginx neither).
 *
 * <p>Why not Vert.x's pooled {@code HttpClient.request}: per request it builds a new context, a
 * pooled lease through a lock-free combiner and a chain of composed futures, about a seventh of
 * the bytes a proxied request allocates. Here a request on a kept connection is a deque pop; the
 * connection and all its requests live on this loop, so nothing needs a lock.
 */
final class UpstreamPool {
  private final Vertx vertx;
  private final HttpClientAgent client;
  private final UpstreamKeepalive settings;
  private final Map<Object, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();
  private int idleCount;
  private long sweepTimer = -1;

  UpstreamPool(Vertx vertx, HttpClientAgent client, UpstreamKeepalive settings) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
  }

  /** The pool key of a destination: the address, plus the TLS settings and server name of an https one. */
  static Object key(SocketAddress address, ClientSSLOptions tls, String serverName) {
    return tls == null ? address : new TlsDestination(address, tls, serverName);
  }

  /** The pool key of a plain channel to {@code address} ({@link PlainChannel}). */
  static Object plainKey(SocketAddress address) {
    return new PlainDestination(address);
  }

  /** A kept connection to {@code key}, most recently used first; null when there is none. */
  UpstreamConnection idle(Object key) {
    ArrayDeque<UpstreamConnection> kept = idle.get(key);
    if (kept == null) {
      return null;
    }
    UpstreamConnection c;
    while ((c = kept.pollFirst()) != null) {
      idleCount--;
      if (!c.closed()) {
        return c;
      }
    }
    return null;
  }

  /**
   * A new connection to {@code address}; a failed future when it is not established within
   * {@code connectTimeoutMillis} (an {@link ConnectTimeoutException}; a connection made later
   * is closed).
   */
  Future<UpstreamConnection> connect(Object key, SocketAddress address, ClientSSLOptions tls, String serverName,
      long connectTimeoutMillis) {
    HttpConnectOptions options = new HttpConnectOptions().setServer(address).setConnectTimeout(connectTimeoutMillis);
    if (tls != null) {
      // Kong's proxy_ssl_name $upstream_host: SNI and host name verification use the Host sent
      options.setSsl(true).setSslOptions(tls).setHost(serverName);
    }
    Promise<UpstreamConnection> made = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, connectTimeoutMillis), t -> made.tryFail(
        new ConnectTimeoutException("connection to " + address + " not established within "
            + connectTimeoutMillis + " ms")));
    client.connect(options).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        made.tryFail(ar.cause());
        return;
      }
      UpstreamConnection c = new UpstreamConnection(vertx, ar.result(), key);
      ar.result().closeHandler(v -> closed(c));
      if (!made.tryComplete(c)) {
        ar.result().close();
      }
    });
    return made.future();
  }

  /**
   * A new plain channel to {@code address} ({@link PlainChannel}), under pool key {@code key}; a
   * failed future when the name does not resolve or the connection is not established within
   * {@code connectTimeoutMillis} (Netty's {@code ConnectTimeoutException}).
   */
  Future<UpstreamConnection> connectPlain(Object key, SocketAddress address, long connectTimeoutMillis) {
    UpstreamConnection[] made = new UpstreamConnection[1];
    return PlainChannel.connect((VertxInternal) vertx, address.host(), address.port(), ProxyVerticle.MAX_HEADER_SIZE,
        connectTimeoutMillis, () -> {
          if (made[0] != null) {
            closed(made[0]);
          }
        }).map(plain -> made[0] = new UpstreamConnection(vertx, plain, key));
  }

  /**
   * Gives back a connection whose exchange is over: kept when {@code reusable} (its request was
   * sent whole, its response read whole and keep-alive) and the destination has room, else closed.
   */
  void release(UpstreamConnection c, boolean reusable) {
    if (c.closed()) {
      return;
    }
    ArrayDeque<UpstreamConnection> kept = reusable && settings.keeps(c.requests())
        ? idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>()) : null;
    if (kept == null || kept.size() >= settings.poolSize()) {
      c.markClosed();
      c.close();
      return;
    }
    if (c.plain() != null) {
      c.plain().detach();
      c.plain().readsOn();
    }
    c.idleSince(System.nanoTime());
    kept.addFirst(c);
    idleCount++;
    if (sweepTimer < 0 && settings.idleTimeoutSeconds() > 0) {
      sweepTimer = vertx.setTimer(settings.idleTimeoutSeconds() * 1000L, t -> sweep());
    }
  }

  /** Whether the upstream lets the connection serve another request after {@code response}. */
  static boolean keepsAlive(UpstreamResponse response) {
    String connection = response.headers().get(HttpHeaders.CONNECTION);
    if (response.version() == HttpVersion.HTTP_1_0) {
      return connection != null && connection.equalsIgnoreCase("keep-alive");
    }
    return connection == null || !connection.equalsIgnoreCase("close");
  }

  /** Closes the idle connections. */
  void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    List<UpstreamConnection> all = new ArrayList<>();
    idle.values().forEach(all::addAll);
    idle.clear();
    idleCount = 0;
    all.forEach(UpstreamConnection::close);
  }

  private void closed(UpstreamConnection c) {
    if (!c.closed()) {
      c.markClosed();
      ArrayDeque<UpstreamConnection> kept = idle.get(c.key());
      if (kept != null && kept.remove(c)) {
        idleCount--;
      }
    }
  }

  /** Closes the connections idle for longer than the idle timeout; runs again while some stay idle. */
  private void sweep() {
    sweepTimer = -1;
    long now = System.nanoTime();
    long timeout = settings.idleTimeoutSeconds() * 1_000_000_000L;
    long oldest = now;
    for (ArrayDeque<UpstreamConnection> kept : idle.values()) {
      UpstreamConnection c;
      while ((c = kept.peekLast()) != null && now - c.idleSince() >= timeout) {
        kept.pollLast();
        idleCount--;
        c.markClosed();
        c.close();
      }
      if (c != null) {
        oldest = Math.min(oldest, c.idleSince());
      }
    }
    idle.values().removeIf(ArrayDeque::isEmpty);
    if (idleCount > 0) {
      sweepTimer = vertx.setTimer(Math.max(1, (oldest + timeout - now) / 1_000_000 + 1), t -> sweep());
    }
  }

  /** The pool key of an https destination. */
  private record TlsDestination(SocketAddress address, ClientSSLOptions tls, String serverName) {}

  /** The pool key of a plain channel's destination. */
  private record PlainDestination(SocketAddress address) {}
}
