package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream keep-alive pool ({@link UpstreamPool}): a connection serves request after request,
 * an upstream's {@code Connection: close} is honoured, and a kept connection the upstream dropped
 * is replaced without the client seeing an error (no retries are configured to hide one), and a
 * connection serves at most Kong's {@code upstream_keepalive_max_requests}.
 */
class UpstreamKeepaliveTest {
  @TempDir
  static Path dir;

  static CountingUpstream keep;
  static CountingUpstream close;
  static CountingUpstream drop;
  static CountingUpstream busy;
  static ProxyNode node;
  @TempDir
  static Path unpooledDir;
  static CountingUpstream unpooled;
  static ProxyNode unpooledNode;
  private static final int MAX_REQUESTS = 5;

  @BeforeAll
  static void start() {
    keep = new CountingUpstream(CountingUpstream.Ending.KEEP);
    close = new CountingUpstream(CountingUpstream.Ending.CLOSE);
    drop = new CountingUpstream(CountingUpstream.Ending.DROP);
    busy = new CountingUpstream(CountingUpstream.Ending.KEEP);
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        services:
        - {name: keep, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: keep, paths: [/keep]}]}
        - {name: close, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: close, paths: [/close]}]}
        - {name: drop, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: drop, paths: [/drop]}]}
        - {name: busy, url: 'http://127.0.0.1:%d', retries: 0, routes: [{name: busy, paths: [/busy]}]}
        """.formatted(keep.port(), close.port(), drop.port(), busy.port()),
        Map.of("upstream_keepalive_max_requests", String.valueOf(MAX_REQUESTS)));
    unpooled = new CountingUpstream(CountingUpstream.Ending.KEEP);
    unpooledNode = ProxyNode.start(unpooledDir, """
        _format_version: '3.0'
        services:
        - {name: keep, url: 'http://127.0.0.1:%d', routes: [{name: keep, paths: [/keep]}]}
        """.formatted(unpooled.port()), Map.of("upstream_keepalive_pool_size", "0"));
  }

  @AfterAll
  static void stop() throws IOException {
    node.close();
    unpooledNode.close();
    unpooled.close();
    keep.close();
    close.close();
    drop.close();
    busy.close();
  }

  @Test
  void consecutiveRequestsShareOneUpstreamConnection() {
    for (int i = 0; i < 5; i++) {
      assertThat(node.get("/keep").statusCode()).isEqualTo(200);
    }
    assertThat(keep.connections()).isEqualTo(1);
  }

  @Test
  void anUpstreamThatAsksToCloseGetsANewConnectionForEveryRequest() {
    for (int i = 0; i < 3; i++) {
      assertThat(node.get("/close").statusCode()).isEqualTo(200);
    }
    assertThat(close.connections()).isEqualTo(3);
  }

  @Test
  void aKeptConnectionTheUpstreamDroppedIsReplacedWithoutAnError() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      assertThat(node.get("/drop").statusCode()).isEqualTo(200);
      Thread.sleep(200);
    }
    assertThat(drop.connections()).isEqualTo(3);
  }

  @Test
  void aConnectionIsClosedAfterTheConfiguredMaximumOfRequests() {
    for (int i = 0; i < MAX_REQUESTS + 1; i++) {
      assertThat(node.get("/busy").statusCode()).isEqualTo(200);
    }
    assertThat(busy.connections()).isEqualTo(2);
  }

  @Test
  void aPoolSizeOfZeroOpensAConnectionPerRequest() {
    for (int i = 0; i < 3; i++) {
      assertThat(unpooledNode.get("/keep").statusCode()).isEqualTo(200);
    }
    assertThat(unpooled.connections()).isEqualTo(3);
  }
}
