package io.silverback.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through a DB-less node's proxy: a client speaks TLS to an {@code ssl} proxy listener
 * and gets the certificate of its SNI; the https route sends it to an HTTPS upstream on loopback
 * whose certificate the service verifies against its {@code ca_certificates} for the Host sent
 * upstream (here the client's, {@code preserve_host}), which is also the SNI, presenting the
 * service's {@code client_certificate}.
 */
class HttpsProxyTest {
  static final TestPki.Issued ROOT = TestPki.ca("e2e upstream root");
  static final TestPki.Issued UPSTREAM = TestPki.leaf("e2e upstream", ROOT, "secure.example.com");
  static final TestPki.Issued CLIENT_CA = TestPki.ca("e2e client root");
  static final TestPki.Issued CLIENT = TestPki.leaf("e2e proxy client", CLIENT_CA);
  static final TestPki.Issued FRONT = TestPki.selfSigned("secure.example.com", true, "secure.example.com");
  @TempDir
  static Path dir;
  static Vertx vertx;
  static HttpServer upstream;
  static HttpClientAgent client;
  static Node node;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true).setSni(true)
            .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(UPSTREAM.certPem()))
                .addKeyValue(Buffer.buffer(UPSTREAM.keyPem())))
            .setClientAuth(ClientAuth.REQUIRED)
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(CLIENT_CA.leafPem()))))
        .requestHandler(req -> {
          ObjectNode seen = Json.object().put("proto", req.getHeader("X-Forwarded-Proto"))
              .put("sni", ProxyTls.serverName(req.connection()).orElse("-"));
          try {
            seen.put("client", Handshakes.cn((X509Certificate) req.connection().peerCertificates().get(0)));
          } catch (Exception e) {
            seen.put("client", "-");
          }
          req.response().putHeader("Content-Type", "application/json").end(seen.toString());
        })
        .listen().await(10, TimeUnit.SECONDS);
    node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "off", "proxy_listen", "127.0.0.1:0 http2 ssl",
        "declarative_config_string", declarative(upstream.actualPort()).toString())));
    client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ObjectNode declarative(int upstreamPort) {
    ObjectNode config = Json.object().put("_format_version", "3.0");
    ObjectNode front = config.putArray("certificates").addObject()
        .put("id", "6a9bfb33-0e2f-4f8d-9bd5-6a3a1b8e0c01").put("cert", FRONT.certPem()).put("key", FRONT.keyPem());
    front.putArray("snis").addObject().put("name", "secure.example.com");
    config.withArray("certificates").addObject().put("id", "6a9bfb33-0e2f-4f8d-9bd5-6a3a1b8e0c02")
        .put("cert", CLIENT.certPem()).put("key", CLIENT.keyPem());
    config.putArray("ca_certificates").addObject().put("id", "6a9bfb33-0e2f-4f8d-9bd5-6a3a1b8e0c03")
        .put("cert", ROOT.leafPem());
    ObjectNode service = config.putArray("services").addObject().put("name", "secure")
        .put("url", "https://localhost:" + upstreamPort).put("tls_verify", true);
    service.putArray("ca_certificates").add("6a9bfb33-0e2f-4f8d-9bd5-6a3a1b8e0c03");
    service.putObject("client_certificate").put("id", "6a9bfb33-0e2f-4f8d-9bd5-6a3a1b8e0c02");
    ObjectNode route = service.putArray("routes").addObject().put("name", "secure-route").put("preserve_host", true);
    route.putArray("hosts").add("secure.example.com");
    route.putArray("protocols").add("https");
    return config;
  }

  /** A response as the client saw it: status, body and the certificate the proxy served. */
  private record Seen(int status, String body, String served) {}

  private Seen get(String host) throws Exception {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host)
        .setServer(SocketAddress.inetSocketAddress(node.proxyPorts().get(0), "127.0.0.1")).setURI("/anything");
    return client.request(request).compose(r -> r.send().compose(response -> response.body().map(body ->
        new Seen(response.statusCode(), body.toString(), served(response))))).await(20, TimeUnit.SECONDS);
  }

  private static String served(HttpClientResponse response) {
    try {
      return Handshakes.cn((X509Certificate) response.request().connection().peerCertificates().get(0));
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anHttpsRequestIsServedTheCertificateOfItsSniAndRoutedToAVerifiedUpstreamWithTheClientCertificate()
      throws Exception {
    Seen response = get("secure.example.com");
    assertThat(response.served()).isEqualTo("secure.example.com");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode seen = Json.MAPPER.readTree(response.body());
    assertThat(seen.get("proto").asText()).isEqualTo("https");
    assertThat(seen.get("sni").asText()).isEqualTo("secure.example.com");
    assertThat(seen.get("client").asText()).isEqualTo("e2e proxy client");
  }

  @Test
  void anUnknownSniGetsTheDefaultCertificateAndNoRoute() throws Exception {
    Seen response = get("unknown.example.com");
    assertThat(response.served()).isEqualTo("localhost");
    assertThat(response.status()).isEqualTo(404);
  }
}
