package io.silverback.gateway.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A TCP upstream on a loopback port that answers every line {@code x} with {@code <tag>:x}, so a
 * test sees which upstream a connection reached. One thread per connection; counts connections.
 */
public final class TaggedEcho implements AutoCloseable {
  private final String tag;
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  private TaggedEcho(String tag, ServerSocket server) {
    this.tag = tag;
    this.server = server;
  }

  /** An echo answering with {@code tag}, on a free port of 127.0.0.1. */
  public static TaggedEcho start(String tag) {
    return start(tag, ServerSocketFactory.getDefault());
  }

  /** An echo answering with {@code tag}, on a free port of 127.0.0.1, from {@code sockets} (TLS ones, say). */
  public static TaggedEcho start(String tag, ServerSocketFactory sockets) {
    try {
      TaggedEcho echo = new TaggedEcho(tag, sockets.createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread t = new Thread(echo::accept, "echo-" + tag);
      t.setDaemon(true);
      t.start();
      return echo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted. */
  public int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "echo-" + tag + "-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = s.getOutputStream();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write((tag + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
