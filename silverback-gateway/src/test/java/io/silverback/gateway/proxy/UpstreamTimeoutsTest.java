package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's three upstream timers as separate idle timers: {@code write_timeout} while the request
 * body goes upstream, {@code read_timeout} between reads of the response once the request is sent.
 */
class UpstreamTimeoutsTest {
  @TempDir
  static Path dir;

  static EchoUpstream echo;
  static StallingUpstream deaf;
  static StallingUpstream halfBody;
  static StallingUpstream headOnly;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    echo = EchoUpstream.start("echo");
    deaf = new StallingUpstream("");
    halfBody = new StallingUpstream("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
    headOnly = new StallingUpstream("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - name: echo
          url: %s
          read_timeout: 500
          write_timeout: 60000
          routes: [{name: echo, paths: [/echo]}]
        - name: deaf
          url: http://127.0.0.1:%d
          write_timeout: 500
          retries: 0
          routes: [{name: deaf, paths: [/deaf]}]
        - name: half
          url: http://127.0.0.1:%d
          read_timeout: 500
          retries: 0
          routes: [{name: half, paths: [/half]}]
        - name: head
          url: http://127.0.0.1:%d
          read_timeout: 500
          retries: 0
          routes: [{name: head, paths: [/head]}]
        """.formatted(echo.url(), deaf.port(), halfBody.port(), headOnly.port()));
  }

  @AfterAll
  static void stop() {
    node.close();
    echo.close();
    deaf.close();
    halfBody.close();
    headOnly.close();
  }

  @Test
  void aSlowUploadLongerThanTheReadTimeoutIsNotCutByIt() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 3; i++) {
        out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(400);
      }
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void anUpstreamThatStopsReadingTheBodyGets504AfterTheWriteTimeout() throws Exception {
    AtomicLong produced = new AtomicLong();
    HttpRequest request = node.request("/deaf")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(64L * 1024 * 1024, produced))).build();
    long start = System.nanoTime();
    HttpResponse<String> response = ProxyNode.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).contains(Replies.TIMEOUT);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
  }

  @Test
  void anUpstreamThatStallsMidBodyHasTheClientConnectionCutAfterTheReadTimeout() throws Exception {
    long start = System.nanoTime();
    String text = readUntilCut("/half");
    assertThat(text).startsWith("HTTP/1.1 200").endsWith("0123456789");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 9_000L);
  }

  @Test
  void anUpstreamThatStallsRightAfterTheHeadHasTheClientConnectionCutAfterTheReadTimeout() throws Exception {
    long start = System.nanoTime();
    String text = readUntilCut("/head");
    // the head waits for the first body bytes, so the client gets nothing, or the bare head
    assertThat(text).satisfiesAnyOf(t -> assertThat(t).isEmpty(), t -> assertThat(t).startsWith("HTTP/1.1 200"));
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 9_000L);
  }

  /** What a raw client gets for {@code GET path} until the proxy closes or resets its connection. */
  private static String readUntilCut(String path) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      try {
        in.transferTo(got);
      } catch (IOException reset) {
        // a reset is as good as a close: the client learns the body is incomplete
      }
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }
}
