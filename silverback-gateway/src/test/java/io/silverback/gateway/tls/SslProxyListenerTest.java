package io.silverback.gateway.tls;

import static io.silverback.gateway.tls.Handshakes.cn;
import static io.silverback.gateway.tls.Handshakes.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DB-less node with {@code ssl} listeners: the proxy's certificates by SNI from its declarative
 * configuration, the Admin API's own default certificate.
 */
class SslProxyListenerTest {
  @TempDir
  Path dir;

  private NodeConf conf(String declarative) {
    return NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "127.0.0.1:0 ssl", "proxy_listen", "127.0.0.1:0, 127.0.0.1:0 http2 ssl",
        "declarative_config_string", declarative));
  }

  @Test
  void servesTheCertificateOfTheSniFromTheConfigurationAndTheGeneratedDefaultOtherwise() throws Exception {
    TestPki.Issued issued = TestPki.selfSigned("node-cert", true, "node.example.com");
    ObjectNode config = Json.object().put("_format_version", "3.0");
    ObjectNode certificate = config.putArray("certificates").addObject()
        .put("cert", issued.certPem()).put("key", issued.keyPem());
    certificate.putArray("snis").addObject().put("name", "node.example.com");
    Node node = Node.start(conf(config.toString()));
    try {
      int tls = node.proxyPorts().get(1);
      assertThat(node.proxyPorts().get(0)).isNotEqualTo(tls);
      assertThat(cn(served(tls, "node.example.com"))).isEqualTo("node-cert");
      assertThat(cn(served(tls, "other.example.com"))).isEqualTo("localhost");
      assertThat(cn(served(tls, null))).isEqualTo("localhost");
      Path key = node.prefix().root().resolve("ssl/silverback-default.key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    } finally {
      node.stop();
    }
  }

  @Test
  void anSslAdminListenerServesTheAdminApiWithItsOwnDefaultCertificate() throws Exception {
    Node node = Node.start(conf("{\"_format_version\": \"3.0\"}"));
    try {
      int admin = node.adminPorts().get(0);
      assertThat(cn(served(admin, "node.example.com"))).isEqualTo("localhost");
      HttpClient client = HttpClient.newBuilder().sslContext(Handshakes.trustingAll()).build();
      HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + admin + "/status"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(status.statusCode()).isEqualTo(200);
      Path key = node.prefix().root().resolve("ssl/admin-silverback-default.key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
      assertThat(served(admin, null).getSerialNumber())
          .isNotEqualTo(served(node.proxyPorts().get(1), null).getSerialNumber());
    } finally {
      node.stop();
    }
  }
}
