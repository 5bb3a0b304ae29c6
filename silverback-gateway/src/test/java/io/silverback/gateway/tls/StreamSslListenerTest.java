package io.silverback.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.gateway.stream.LineClient;
import io.silverback.gateway.stream.StreamNode;
import io.silverback.gateway.stream.TaggedEcho;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code ssl} stream listener: TLS terminated with the certificate of the client's SNI from the
 * configuration, tls routes matched by SNI, and a {@code tls} service reached over TLS.
 */
class StreamSslListenerTest {
  @TempDir
  Path dir;

  private final TestPki.Issued nodeCert = TestPki.selfSigned("stream-cert", true, "stream.example.com");
  private final TestPki.Issued upstreamCert = TestPki.selfSigned("upstream", true, "upstream.example.com");
  private final TaggedEcho plain = TaggedEcho.start("plain");
  private final TaggedEcho secured = TaggedEcho.start("secured", serverContext(upstreamCert).getServerSocketFactory());

  @AfterEach
  void stopEchoes() throws Exception {
    plain.close();
    secured.close();
  }

  private String config() {
    return "_format_version: \"3.0\"\n"
        + "certificates:\n  - cert: |\n" + indent(nodeCert.certPem()) + "    key: |\n" + indent(nodeCert.keyPem())
        + "    snis: [{name: stream.example.com}]\n"
        + "services:\n"
        + "  - {name: plain, protocol: tcp, host: 127.0.0.1, port: " + plain.port()
        + ", routes: [{name: by-name, protocols: [tls], snis: [stream.example.com]}]}\n"
        + "  - {name: secured, protocol: tls, host: 127.0.0.1, port: " + secured.port()
        + ", routes: [{name: by-wildcard, protocols: [tls], snis: [\"*.upstream.test\"]}]}\n";
  }

  @Test
  void terminatesTlsWithTheSniCertificateAndRoutesBySni() throws Exception {
    try (StreamNode node = StreamNode.start(dir, "127.0.0.1:0 ssl", config(), Map.of())) {
      int port = node.streamPort(0);
      try (SSLSocket socket = tls(port, "stream.example.com"); LineClient client = LineClient.over(socket)) {
        assertThat(client.exchange("hi")).isEqualTo("plain:hi");
        assertThat(Handshakes.cn((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0]))
            .isEqualTo("stream-cert");
      }
      try (SSLSocket socket = tls(port, "a.upstream.test"); LineClient client = LineClient.over(socket)) {
        assertThat(client.exchange("hi")).isEqualTo("secured:hi");
        assertThat(Handshakes.cn((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0]))
            .isEqualTo("localhost");
      }
      try (SSLSocket socket = tls(port, "nobody.example.org"); LineClient client = LineClient.over(socket)) {
        assertThat(client.exchange("hi")).isNull();
      }
    }
  }

  private static SSLSocket tls(int port, String sni) throws Exception {
    SSLSocket socket = (SSLSocket) Handshakes.trustingAll().getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(sni)));
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static SSLContext serverContext(TestPki.Issued issued) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", issued.key(), new char[0],
          issued.chain().toArray(new java.security.cert.Certificate[0]));
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String indent(String pem) {
    return pem.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
  }
}
