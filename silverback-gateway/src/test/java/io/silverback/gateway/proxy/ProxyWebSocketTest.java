package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket upgrades pass through the proxy to a real WebSocket upstream. */
class ProxyWebSocketTest {
  @TempDir
  static Path dir;

  static Vertx vertx;
  static HttpServer upstream;
  static ProxyNode node;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer()
        .webSocketHandler(ws -> ws.textMessageHandler(text -> ws.writeTextMessage("echo " + ws.path() + " " + text)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - name: ws
          url: http://127.0.0.1:%d/chat
          routes: [{name: ws, paths: [/ws]}]
        """.formatted(upstream.actualPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void echoesTextMessagesThroughTheProxyBothWays() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.proxyPort() + "/ws/room"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            received.add(data.toString());
            socket.request(1);
            return CompletableFuture.completedFuture(null);
          }
        }).get(10, TimeUnit.SECONDS);

    ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
    ws.sendText("again", true).get(5, TimeUnit.SECONDS);

    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo /chat/room hello");
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo /chat/room again");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }
}
