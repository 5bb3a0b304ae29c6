package io.silverback.gateway.tls;

import static io.silverback.gateway.tls.Handshakes.cn;
import static io.silverback.gateway.tls.Handshakes.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DB-less node with an {@code ssl} proxy listener: certificates by SNI from its declarative configuration. */
class SslProxyListenerTest {
  @TempDir
  Path dir;

  private NodeConf conf(String declarative) {
    return NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "off", "proxy_listen", "127.0.0.1:0, 127.0.0.1:0 http2 ssl",
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
}
