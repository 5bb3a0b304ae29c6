package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream through the proxy with backpressure: a reader that stops stops the writer on the
 * other side long before 50 MB, and nothing is buffered whole. Loopback socket buffers hold up to
 * about 20 MB in all, hence the bound of 30 MB in flight.
 */
class ProxyStreamingTest {
  static final long IN_FLIGHT_BOUND = 30L * 1024 * 1024;

  @TempDir
  static Path dir;

  static StreamingUpstream upstream;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    upstream = new StreamingUpstream();
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - name: big
          url: http://127.0.0.1:%d
          routes: [{name: big, paths: [/big]}]
        """.formatted(upstream.port()));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  @Test
  void streamsA50MegabyteResponseAtTheClientsPace() throws Exception {
    HttpResponse<InputStream> response = ProxyNode.CLIENT.send(node.request("/big/download").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      assertThat(in.readNBytes(1024)).hasSize(1024);
      Thread.sleep(1500);
      assertThat(upstream.written()).isLessThan(IN_FLIGHT_BOUND);

      long total = 1024 + in.transferTo(OutputStream.nullOutputStream());

      assertThat(total).isEqualTo(StreamingUpstream.SIZE);
    }
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void streamsA50MegabyteUploadAtTheUpstreamsPace() throws Exception {
    upstream.closeGate();
    AtomicLong produced = new AtomicLong();
    HttpRequest request = node.request("/big/upload")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(StreamingUpstream.SIZE, produced))).build();

    CompletableFuture<HttpResponse<String>> sent = ProxyNode.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    Thread.sleep(1500);
    assertThat(produced.get()).isLessThan(IN_FLIGHT_BOUND);
    upstream.openGate();

    HttpResponse<String> response = sent.get(60, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Long.toString(StreamingUpstream.SIZE));
  }

  @Test
  void cutsTheUpstreamWhenTheClientGoesAwayMidResponseWithoutNoise() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
        socket.getOutputStream().write("GET /big/download HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(socket.getInputStream().readNBytes(4096)).hasSize(4096);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!upstream.downloadBroke() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(upstream.downloadBroke()).isTrue();
      assertThat(upstream.written()).isLessThan(StreamingUpstream.SIZE);
      assertThat(node.get("/big/nothing").statusCode()).isEqualTo(404);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("already been written").doesNotContain("Exception");
  }

  @Test
  void cutsTheUpstreamWhenTheClientGoesAwayMidUpload() throws Exception {
    upstream.openGate();
    try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /big/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[64 * 1024]);
      out.flush();
      Thread.sleep(300);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!upstream.uploadBroke() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(upstream.uploadBroke()).isTrue();
    assertThat(node.get("/big/nothing").statusCode()).isEqualTo(404);
  }
}
