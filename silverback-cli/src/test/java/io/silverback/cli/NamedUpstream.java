package io.silverback.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An upstream on a loopback port that answers every request with 200, an {@code X-Upstream}
 * header carrying its name, and a body of its name and the request target it received
 * ({@code "alpha /a/x?q=1"}), so a client of the proxy sees where a request went and how.
 */
final class NamedUpstream implements AutoCloseable {
  static final String HEADER = "X-Upstream";

  private final HttpServer server;

  private NamedUpstream(String name) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      byte[] body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set(HEADER, name);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  static NamedUpstream start(String name) {
    try {
      return new NamedUpstream(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
