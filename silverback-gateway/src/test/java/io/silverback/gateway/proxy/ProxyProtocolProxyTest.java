package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners flagged {@code proxy_protocol} with {@code real_ip_header = proxy_protocol}, with the
 * cases of Kong's {@code 03-upstream_headers_spec.lua} ("using trusted / non-trusted proxy protocol
 * configuration values"): the test connects from 127.0.0.1, which one node trusts and the other
 * does not, and names 192.168.0.1 as the client in the PROXY header.
 */
class ProxyProtocolProxyTest {
  private static final String CONFIG = """
      _format_version: '3.0'
      services:
      - name: echo
        url: %s
        routes:
        - name: open
          paths: [/]
        - name: guarded
          paths: [/guarded]
          plugins:
          - name: ip-restriction
            config:
              deny: [192.168.0.1]
      """;

  @TempDir
  static Path trustingDir;
  @TempDir
  static Path untrustingDir;

  static EchoUpstream echo;
  static ProxyNode trusting;
  static ProxyNode untrusting;

  @BeforeAll
  static void start() {
    echo = EchoUpstream.start("echo");
    trusting = ProxyNode.start(trustingDir, CONFIG.formatted(echo.url()), Map.of(
        "proxy_listen", "127.0.0.1:0 proxy_protocol", "real_ip_header", "proxy_protocol",
        "real_ip_recursive", "on", "trusted_ips", "127.0.0.1,172.16.0.1,192.168.0.1"));
    untrusting = ProxyNode.start(untrustingDir, CONFIG.formatted(echo.url()), Map.of(
        "proxy_listen", "127.0.0.1:0 proxy_protocol", "real_ip_header", "proxy_protocol",
        "real_ip_recursive", "on", "trusted_ips", "10.0.0.1,172.16.0.1,192.168.0.1"));
  }

  @AfterAll
  static void stop() {
    trusting.close();
    untrusting.close();
    echo.close();
  }

  /** Everything the node answers to {@code preamble} followed by a GET of {@code path} with {@code headers}. */
  private static String exchange(ProxyNode node, String preamble, String path, String headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
      socket.setSoTimeout(10_000);
      String request = preamble + "GET " + path + " HTTP/1.1\r\nHost: headers-inspect.test\r\nConnection: close\r\n"
          + headers + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = socket.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static String proxied(ProxyNode node) {
    return "PROXY TCP4 192.168.0.1 127.0.0.1 56324 " + node.proxyPort() + "\r\n";
  }

  private static JsonNode upstreamHeaders(ProxyNode node, String headers) throws IOException {
    String response = exchange(node, proxied(node), "/", headers);
    assertThat(response).startsWith("HTTP/1.1 200");
    return Json.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("headers");
  }

  @Test
  void aTrustedPeerNamesTheClientInItsProxyHeader() throws IOException {
    JsonNode h = upstreamHeaders(trusting, "");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("192.168.0.1");
    assertThat(h.path("x-forwarded-for").asText()).isEqualTo("192.168.0.1");
    assertThat(h.path("x-forwarded-port").asInt()).isEqualTo(trusting.proxyPort());
  }

  @Test
  void aTrustedPeersForwardedForGetsThePeerAppendedAndItsPortIsKept() throws IOException {
    JsonNode h = upstreamHeaders(trusting, "X-Real-IP: 10.0.0.2\r\n"
        + "X-Forwarded-For: 127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18\r\n"
        + "X-Forwarded-Port: 14\r\n");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("192.168.0.1");
    assertThat(h.path("x-forwarded-for").asText())
        .isEqualTo("127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18, 127.0.0.1");
    assertThat(h.path("x-forwarded-port").asText()).isEqualTo("14");
  }

  @Test
  void anUntrustedPeersProxyHeaderDoesNotNameTheClient() throws IOException {
    JsonNode h = upstreamHeaders(untrusting, "X-Real-IP: 10.0.0.2\r\n"
        + "X-Forwarded-For: 10.0.0.1, 127.0.0.2, 10.0.0.1, 192.168.0.1, 172.16.0.1\r\nX-Forwarded-Port: 14\r\n");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
    assertThat(h.path("x-forwarded-for").asText())
        .isEqualTo("10.0.0.1, 127.0.0.2, 10.0.0.1, 192.168.0.1, 172.16.0.1, 127.0.0.1");
    assertThat(h.path("x-forwarded-port").asInt()).isEqualTo(untrusting.proxyPort());
  }

  @Test
  void theClientNamedByATrustedPeerIsWhatIpRestrictionJudges() throws IOException {
    assertThat(exchange(trusting, proxied(trusting), "/guarded", "")).startsWith("HTTP/1.1 403");
    assertThat(exchange(untrusting, proxied(untrusting), "/guarded", "")).startsWith("HTTP/1.1 200");
  }

  @Test
  void aProxyHeaderOfUnknownOriginLeavesThePeerAsTheClient() throws IOException {
    String response = exchange(trusting, "PROXY UNKNOWN\r\n", "/", "");
    assertThat(response).startsWith("HTTP/1.1 200");
    JsonNode h = Json.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("headers");
    assertThat(h.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void aConnectionWithoutAProxyHeaderIsClosedUnanswered() throws IOException {
    assertThat(exchange(trusting, "", "/", "")).isEmpty();
  }
}
