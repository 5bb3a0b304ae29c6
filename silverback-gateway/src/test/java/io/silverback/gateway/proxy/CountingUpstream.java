package io.silverback.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on a loopback port that counts the connections it accepted, one thread a
 * connection. Each request head is answered with {@code 200 ok}, then, as {@code ending} says, the
 * connection is kept for the next request, closed after a {@code Connection: close} answer, or
 * dropped silently after a plain keep-alive answer (as an upstream whose idle timeout is shorter
 * than the proxy's).
 */
final class CountingUpstream implements AutoCloseable {
  enum Ending { KEEP, CLOSE, DROP }

  private final ServerSocket server;
  private final Ending ending;
  private final AtomicInteger connections = new AtomicInteger();

  CountingUpstream(Ending ending) {
    this.ending = ending;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "counting-upstream");
    accept.setDaemon(true);
    accept.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "counting-upstream-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (readHead(in)) {
        String close = ending == Ending.CLOSE ? "Connection: close\r\n" : "";
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + close + "\r\nok").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (ending != Ending.KEEP) {
          return;
        }
      }
    } catch (IOException e) {
      // the proxy closed the connection
    }
  }

  /** Reads one request head; false at the end of the stream. */
  private static boolean readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return true;
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
