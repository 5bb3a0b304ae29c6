package io.silverback.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the client is on a stream connection: the PROXY protocol header's source from a trusted peer,
 * the connection's own address otherwise; ip-restriction on stream routes; idle sessions closed.
 */
class StreamClientAddressTest {
  private static final String PROXY_HEADER = "PROXY TCP4 192.0.2.9 127.0.0.1 5555 7000\r\n";

  @TempDir
  Path dir;

  private final TaggedEcho named = TaggedEcho.start("named");
  private final TaggedEcho peer = TaggedEcho.start("peer");

  @AfterEach
  void stopEchoes() throws Exception {
    named.close();
    peer.close();
  }

  private String config(String extra) {
    return "_format_version: \"3.0\"\nservices:\n"
        + "  - {name: named, protocol: tcp, host: 127.0.0.1, port: " + named.port()
        + ", routes: [{name: from-named, protocols: [tcp], sources: [{ip: 192.0.2.9}]}]}\n"
        + "  - {name: peer, protocol: tcp, host: 127.0.0.1, port: " + peer.port() + ", read_timeout: 300,"
        + " write_timeout: 300, routes: [{name: from-peer, protocols: [tcp], sources: [{ip: 127.0.0.0/8}]}]}\n"
        + extra;
  }

  private static LineClient proxied(int port) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(PROXY_HEADER.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return LineClient.over(socket);
  }

  @Test
  void aTrustedPeerSpeaksForTheSourceItsProxyHeaderNames() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0 proxy_protocol", config(""),
        Map.of("trusted_ips", "127.0.0.1"));
        LineClient client = proxied(node.streamPort(0))) {
      assertThat(client.exchange("hi")).isEqualTo("named:hi");
    }
  }

  @Test
  void anUntrustedPeerIsMatchedByItsOwnAddress() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0 proxy_protocol", config(""), Map.of());
        LineClient client = proxied(node.streamPort(0))) {
      assertThat(client.exchange("hi")).isEqualTo("peer:hi");
    }
  }

  @Test
  void ipRestrictionOnAStreamRouteClosesDeniedClients() throws Exception {
    String plugins = "plugins:\n  - {name: ip-restriction, route: from-peer, config: {deny: [127.0.0.1]}}\n";
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0", config(plugins), Map.of());
        LineClient denied = LineClient.connect("127.0.0.1", node.streamPort(0), null);
        LineClient allowed = LineClient.connect("127.0.0.1", node.streamPort(0), "127.0.0.2")) {
      assertThat(denied.exchange("hi")).isNull();
      assertThat(allowed.exchange("hi")).isEqualTo("peer:hi");
    }
    assertThat(peer.accepted()).isEqualTo(1);
  }

  @Test
  void aSessionIdleBothWaysPastItsTimeoutsIsClosed() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0", config(""), Map.of());
        LineClient client = LineClient.connect("127.0.0.1", node.streamPort(0), null)) {
      assertThat(client.exchange("hi")).isEqualTo("peer:hi");
      Thread.sleep(200);
      assertThat(client.exchange("still")).isEqualTo("peer:still");
      Thread.sleep(1_000);
      assertThat(client.exchange("late")).isNull();
    }
  }
}
