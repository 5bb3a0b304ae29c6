package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade the upstream accepted ({@code 101}): the upstream's handshake headers go to
 * the client with the 101, then both connections become one raw byte pipe in each direction until
 * either side closes (Kong proxies WebSocket frames untouched). Backpressure holds in both
 * directions.
 */
final class WebSocketTunnel {
  private static final System.Logger LOG = System.getLogger(WebSocketTunnel.class.getName());

  private WebSocketTunnel() {}

  /** Whether {@code request} asks to upgrade to WebSocket. */
  static boolean requested(HttpServerRequest request) {
    String upgrade = request.headers().get(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /**
   * Answers the client's upgrade with the upstream's 101 and joins the two connections.
   *
   * @param done runs once, when the tunnel is closed (or could not be opened)
   */
  static void open(HttpServerRequest request, HttpClientResponse upstream, Runnable done) {
    MultiMap out = request.response().headers();
    out.addAll(upstream.headers());
    NetSocket upstreamSocket = upstream.netSocket();
    request.toNetSocket().onSuccess(client -> join(client, upstreamSocket, done)).onFailure(e -> {
      LOG.log(System.Logger.Level.DEBUG, () -> "opening a WebSocket tunnel failed: " + e);
      upstreamSocket.close();
      request.connection().close();
      done.run();
    });
  }

  private static void join(NetSocket client, NetSocket upstream, Runnable done) {
    boolean[] closed = new boolean[1];
    Runnable close = () -> {
      if (!closed[0]) {
        closed[0] = true;
        client.close();
        upstream.close();
        done.run();
      }
    };
    client.closeHandler(v -> close.run());
    upstream.closeHandler(v -> close.run());
    client.pipe().endOnComplete(false).to(upstream);
    upstream.pipe().endOnComplete(false).to(client);
  }
}
