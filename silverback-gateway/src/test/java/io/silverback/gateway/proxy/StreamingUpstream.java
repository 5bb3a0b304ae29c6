package io.silverback.gateway.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upstream for streaming tests. {@code GET /download} writes {@link #SIZE} bytes in 64 KiB
 * chunks, counting what it got written ({@link #written()}) and whether a write failed ({@link
 * #downloadBroke()}). {@code POST /upload} waits for {@link #openGate()} before it reads the body,
 * then answers with the number of bytes read ({@link #uploadBroke()} when the body was cut short).
 */
final class StreamingUpstream implements AutoCloseable {
  static final long SIZE = 50L * 1024 * 1024;

  private final HttpServer server;
  private final AtomicLong written = new AtomicLong();
  private final AtomicBoolean broke = new AtomicBoolean();
  private final AtomicBoolean uploadBroke = new AtomicBoolean();
  private volatile CountDownLatch gate = new CountDownLatch(1);

  StreamingUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/download", exchange -> {
      written.set(0);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = exchange.getResponseBody()) {
        exchange.sendResponseHeaders(200, 0);
        for (long sent = 0; sent < SIZE; sent += chunk.length) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        broke.set(true);
      }
    });
    server.createContext("/upload", exchange -> {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long read;
      try (InputStream in = exchange.getRequestBody()) {
        read = in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        uploadBroke.set(true);
        throw e;
      }
      byte[] body = Long.toString(read).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  long written() {
    return written.get();
  }

  boolean downloadBroke() {
    return broke.get();
  }

  boolean uploadBroke() {
    return uploadBroke.get();
  }

  void openGate() {
    gate.countDown();
  }

  void closeGate() {
    gate = new CountDownLatch(1);
  }

  @Override
  public void close() {
    openGate();
    server.stop(0);
  }
}
