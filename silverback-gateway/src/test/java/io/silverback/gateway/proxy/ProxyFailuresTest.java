package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the proxy answers when upstreams refuse, stall or are missing, and when clients send bad requests. */
class ProxyFailuresTest {
  @TempDir
  static Path dir;

  static EchoUpstream live;
  static ServerSocket silent;
  static final AtomicInteger silentAccepts = new AtomicInteger();
  static final List<Socket> held = new ArrayList<>();
  static ClosedPort dead;
  static int deadPort;
  static ProxyNode node;

  @BeforeAll
  static void start() throws IOException {
    live = EchoUpstream.start("live");
    dead = ClosedPort.open();
    deadPort = dead.port();
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepter = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          Socket s = silent.accept();
          silentAccepts.incrementAndGet();
          synchronized (held) {
            held.add(s);
          }
        } catch (IOException e) {
          return;
        }
      }
    });
    accepter.setDaemon(true);
    accepter.start();
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - name: refused
          url: http://127.0.0.1:%1$d
          retries: 2
          routes: [{name: refused, paths: [/refused]}]
        - name: stalled
          url: http://127.0.0.1:%2$d
          read_timeout: 300
          retries: 1
          routes: [{name: stalled, paths: [/stalled]}]
        - name: pooled
          host: pool
          routes: [{name: pooled, paths: [/pooled]}]
        - name: empty
          host: empty-pool
          routes: [{name: empty, paths: [/empty]}]
        - name: dead
          host: dead-pool
          routes: [{name: dead, paths: [/dead]}]
        upstreams:
        - name: pool
          targets:
          - target: 127.0.0.1:%1$d
          - target: 127.0.0.1:%3$d
        - name: empty-pool
        - name: dead-pool
          targets:
          - target: 127.0.0.1:%1$d
        """.formatted(deadPort, silent.getLocalPort(), live.port()));
  }

  @AfterAll
  static void stop() throws IOException {
    node.close();
    live.close();
    silent.close();
    dead.close();
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void answers502WhenTheUpstreamRefusesEveryRetry() {
    HttpResponse<String> response = node.get("/refused");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\":\"An invalid response was received from the upstream server\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  @Test
  void answers504WhenTheUpstreamDoesNotAnswerWithinReadTimeoutAndRetriesOnce() {
    int before = silentAccepts.get();
    long start = System.nanoTime();

    HttpResponse<String> response = node.get("/stalled");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body()).isEqualTo("{\"message\":\"The upstream server is timing out\"}");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(550L, 5_000L);
    assertThat(silentAccepts.get() - before).isEqualTo(2);
  }

  @Test
  void retriesADeadTargetOnTheNextPeer() {
    int before = live.requests();
    for (int i = 0; i < 6; i++) {
      assertThat(node.get("/pooled/" + i).statusCode()).isEqualTo(200);
    }
    assertThat(live.requests() - before).isEqualTo(6);
  }

  @Test
  void answers502WhenEveryTargetOfTheUpstreamRefused() {
    HttpResponse<String> response = node.get("/dead");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\":\"An invalid response was received from the upstream server\"}");
  }

  @Test
  void answers503WhenTheUpstreamHasNoTargets() {
    HttpResponse<String> response = node.get("/empty");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"message\":\"failure to get a peer from the ring-balancer\"}");
  }

  @Test
  void answersKongsBadRequestToAMalformedRequest() {
    String raw = RawHttp.exchange(node.proxyPort(), "GET /refused HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 400 ");
    assertThat(RawHttp.body(raw)).isEqualTo("{\"message\":\"Bad request\"}");
  }

  @Test
  void answersKongsTooLargeMessageToOversizedHeaders() {
    String raw = RawHttp.exchange(node.proxyPort(),
        "GET /pooled HTTP/1.1\r\nHost: x\r\nCookie: " + "a".repeat(40_000) + "\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.1 400 ");
    assertThat(RawHttp.body(raw)).isEqualTo("{\"message\":\"Request header or cookie too large\"}");
  }

  @Test
  void answersUriTooLongToAnOversizedRequestLine() {
    String raw = RawHttp.exchange(node.proxyPort(), "GET /pooled/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(raw).startsWith("HTTP/1.").contains(" 414 ");
    assertThat(RawHttp.body(raw)).isEqualTo("{\"message\":\"URI too long\"}");
  }
}
