package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the proxy makes of upstream responses that are unusual on the wire: interim {@code 1xx}
 * heads before the real one, a protocol switch nobody asked for, bytes that are not HTTP, and a
 * body that ends with the connection. Each upstream writes one canned reply per connection.
 */
class UpstreamResponsesTest {
  @TempDir
  static Path dir;

  static StallingUpstream interim;
  static StallingUpstream switching;
  static StallingUpstream garbage;
  static StallingUpstream closing;
  static StallingUpstream headOnly;
  static StallingUpstream chatty;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    interim = new StallingUpstream("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Final: yes\r\n\r\nfinal");
    switching = new StallingUpstream("HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\n");
    garbage = new StallingUpstream("this is not HTTP\r\n\r\n");
    closing = new StallingUpstream("HTTP/1.0 200 OK\r\nX-Until: close\r\n\r\nread until the end");
    chatty = new StallingUpstream("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        + "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nunbidden!");
    headOnly = new StallingUpstream("HTTP/1.1 200 OK\r\nContent-Length: 42\r\nX-Head: yes\r\n\r\n");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - {name: interim, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: interim, paths: [/interim]}]}
        - {name: switching, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: switching, paths: [/switching]}]}
        - {name: garbage, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: garbage, paths: [/garbage]}]}
        - {name: closing, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: closing, paths: [/closing]}]}
        - {name: head, url: 'http://127.0.0.1:%d', retries: 0, read_timeout: 3000, routes: [{name: head, paths: [/head]}]}
        - {name: chatty, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: chatty, paths: [/chatty]}]}
        """.formatted(interim.port(), switching.port(), garbage.port(), closing.port(), headOnly.port(),
            chatty.port()));
  }

  @AfterAll
  static void stop() {
    node.close();
    interim.close();
    switching.close();
    garbage.close();
    closing.close();
    headOnly.close();
    chatty.close();
  }

  @Test
  void aKeptConnectionOnWhichTheUpstreamSentAnUnaskedResponseIsNotReused() {
    HttpResponse<String> first = node.get("/chatty");
    HttpResponse<String> second = node.get("/chatty");

    assertThat(first.body()).isEqualTo("ok");
    assertThat(second.body()).isEqualTo("ok");
    assertThat(chatty.connections()).isEqualTo(2);
  }

  @Test
  void aHeadResponseEndsWithItsHeadThoughItAnnouncesALength() {
    long start = System.nanoTime();

    HttpResponse<String> response = ProxyNode.send(node.request("/head")
        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("42");
    assertThat(response.headers().firstValue("X-Head")).hasValue("yes");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_500L);
  }

  @Test
  void interimHeadsAreSkippedAndTheFinalResponseIsRelayed() {
    HttpResponse<String> response = node.get("/interim");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("final");
    assertThat(response.headers().firstValue("X-Final")).hasValue("yes");
    assertThat(response.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void anUnaskedProtocolSwitchIsABadGateway() {
    HttpResponse<String> response = node.get("/switching");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\":\"An invalid response was received from the upstream server\"}");
  }

  @Test
  void bytesThatAreNotHttpAreABadGateway() {
    HttpResponse<String> response = node.get("/garbage");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\":\"An invalid response was received from the upstream server\"}");
  }

  @Test
  void aBodyThatEndsWithTheConnectionIsRelayedWhole() throws Exception {
    Thread closer = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      closing.close();
    });
    closer.start();

    HttpResponse<String> response = node.get("/closing");
    closer.join();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("read until the end");
    assertThat(response.headers().firstValue("X-Until")).hasValue("close");
  }
}
