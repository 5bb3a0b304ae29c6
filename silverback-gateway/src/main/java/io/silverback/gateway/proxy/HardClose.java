package io.silverback.gateway.proxy;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Closes a connection at once, dropping whatever it still has to write. Vert.x's {@code close()}
 * first flushes the pending writes, which never completes towards an upstream that stopped
 * reading (the write timeout's case): the socket would stay open, and a node's shutdown would
 * wait for it. Vert.x's pipeline handler turns even a Netty {@code channel.close()} into that
 * graceful close, so the channel is closed below the pipeline. Uses Vert.x's internal {@link
 * ConnectionBase} to reach the Netty channel; any other connection gets the ordinary close.
 */
final class HardClose {
  private HardClose() {}

  static void close(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      Channel channel = base.channel();
      channel.unsafe().close(channel.voidPromise());
    } else {
      connection.close();
    }
  }
}
