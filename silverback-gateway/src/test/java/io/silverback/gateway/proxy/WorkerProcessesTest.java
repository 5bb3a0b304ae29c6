package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.conf.ConfException;
import io.silverback.core.conf.NodeConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code nginx_worker_processes}: the number of event loops that serve the proxy, each with
 * its own upstream keep-alive pool. Client connections are spread over the loops in turn, so a
 * client that opens a new connection per request reaches the upstream over one kept connection
 * per loop.
 */
class WorkerProcessesTest {
  @TempDir
  Path dir;

  @Test
  void oneWorkerServesEveryClientConnectionFromOnePool() throws IOException {
    assertThat(upstreamConnectionsFor("1", 6)).isEqualTo(1);
  }

  @Test
  void threeWorkersServeClientConnectionsInTurnEachFromItsOwnPool() throws IOException {
    assertThat(upstreamConnectionsFor("3", 6)).isEqualTo(3);
  }

  @Test
  void autoIsOneWorkerPerAvailableCore() {
    assertThat(ProxyServer.workers(NodeConf.defaults())).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(ProxyServer.workers(NodeConf.load(Optional.empty(), Map.of(), Map.of("nginx_worker_processes", " 5 "))))
        .isEqualTo(5);
  }

  @Test
  void aWorkerCountThatIsNotAutoOrAPositiveNumberIsRefused() {
    for (String bad : new String[] {"0", "-2", "many"}) {
      assertThatThrownBy(() -> NodeConf.load(Optional.empty(), Map.of(), Map.of("nginx_worker_processes", bad)))
          .isInstanceOf(ConfException.class)
          .hasMessage("nginx_worker_processes has an invalid value: '" + bad
              + "' (expected auto or a whole number, 1 or more), from flag --nginx-worker-processes");
    }
  }

  /** The upstream connections a node with {@code workers} opens for {@code requests} client connections, one request each. */
  private int upstreamConnectionsFor(String workers, int requests) throws IOException {
    try (CountingUpstream upstream = new CountingUpstream(CountingUpstream.Ending.KEEP);
         ProxyNode node = ProxyNode.start(dir, """
             _format_version: '3.0'
             services:
             - {name: keep, url: 'http://127.0.0.1:%d', routes: [{name: keep, paths: [/]}]}
             """.formatted(upstream.port()), Map.of("nginx_worker_processes", workers))) {
      for (int i = 0; i < requests; i++) {
        assertThat(getOnNewConnection(node.proxyPort())).startsWith("HTTP/1.1 200");
      }
      return upstream.connections();
    }
  }

  private static String getOnNewConnection(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
