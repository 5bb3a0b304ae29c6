package io.silverback.gateway.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A loopback port that refuses every connection for as long as this is open: a TCP socket bound to
 * it that never listens. Unlike a port taken from a closed {@code ServerSocket}, it cannot be handed
 * out again meanwhile (to the node under test binding port 0, say), so a "dead target" stays dead.
 */
public final class ClosedPort implements AutoCloseable {
  private final SocketChannel bound;
  private final int port;

  private ClosedPort(SocketChannel bound, int port) {
    this.bound = bound;
    this.port = port;
  }

  /** Binds a fresh loopback port without listening on it. */
  public static ClosedPort open() {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new ClosedPort(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      bound.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
