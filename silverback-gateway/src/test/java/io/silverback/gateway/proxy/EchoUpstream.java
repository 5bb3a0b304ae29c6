package io.silverback.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a loopback port that answers every request with JSON describing it: its name,
 * method, raw request target, headers (lower-case names, values joined with {@code ", "}) and
 * body length. A request header {@code X-Echo-Response-Header: Name: value} makes it answer with
 * that header too.
 */
final class EchoUpstream implements AutoCloseable {
  private final HttpServer server;
  private final String name;
  private final AtomicInteger requests = new AtomicInteger();

  private EchoUpstream(String name) throws IOException {
    this.name = name;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      long length;
      try (InputStream in = exchange.getRequestBody()) {
        length = in.transferTo(OutputStream.nullOutputStream());
      }
      ObjectNode out = Json.MAPPER.createObjectNode().put("upstream", name)
          .put("method", exchange.getRequestMethod())
          .put("uri", exchange.getRequestURI().toString())
          .put("body_length", length);
      ObjectNode headers = out.putObject("headers");
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        headers.put(h.getKey().toLowerCase(), String.join(", ", h.getValue()));
      }
      byte[] body = Json.MAPPER.writeValueAsBytes(out);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      String extra = exchange.getRequestHeaders().getFirst("X-Echo-Response-Header");
      if (extra != null) {
        exchange.getResponseHeaders().add(extra.substring(0, extra.indexOf(':')).strip(),
            extra.substring(extra.indexOf(':') + 1).strip());
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
  }

  static EchoUpstream start(String name) {
    try {
      return new EchoUpstream(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
