package io.silverback.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream on a loopback port that misbehaves on purpose, one connection at a time: it reads
 * the request head, writes {@code reply} (which may be nothing, or a head and part of a body) and
 * then neither reads nor writes until it is closed. Reading nothing more lets the proxy's writes
 * fill the socket buffers; writing nothing more stalls the proxy's reads.
 */
final class StallingUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  StallingUpstream(String reply) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      server.setReceiveBufferSize(64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(() -> serve(reply), "stalling-upstream");
    accept.setDaemon(true);
    accept.start();
  }

  private void serve(String reply) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        held.add(s);
        readHead(s.getInputStream());
        s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** The connections accepted so far. */
  int connections() {
    return held.size();
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
