package io.silverback.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy's client TLS towards upstreams, against HTTPS servers on loopback whose certificates a
 * test CA issued for {@code upstream.test}: Kong's {@code tls_verify}, {@code tls_verify_depth},
 * {@code ca_certificates} and {@code client_certificate} of a service.
 */
class UpstreamTlsTest {
  static final TestPki.Issued ROOT = TestPki.ca("upstream root");
  static final TestPki.Issued INTERMEDIATE = TestPki.intermediate("upstream intermediate", ROOT);
  static final TestPki.Issued DIRECT = TestPki.leaf("direct", ROOT, "upstream.test");
  static final TestPki.Issued CHAINED = TestPki.leaf("chained", INTERMEDIATE, "upstream.test");
  static final TestPki.Issued CLIENT_CA = TestPki.ca("client root");
  static final TestPki.Issued CLIENT = TestPki.leaf("the-proxy", CLIENT_CA);
  static Vertx vertx;
  static HttpClientAgent client;
  static HttpServer direct;
  static HttpServer chained;
  static HttpServer mutual;
  final UpstreamTls upstreamTls = new UpstreamTls();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    direct = server(DIRECT, false);
    chained = server(CHAINED, false);
    mutual = server(DIRECT, true);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** An HTTPS server answering with the SNI it got and the client certificate's CN, if any. */
  private static HttpServer server(TestPki.Issued identity, boolean requireClientCertificate) throws Exception {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true).setSni(true)
        .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(identity.certPem()))
            .addKeyValue(Buffer.buffer(identity.keyPem())));
    if (requireClientCertificate) {
      options.setClientAuth(ClientAuth.REQUIRED)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(CLIENT_CA.leafPem())));
    }
    return vertx.createHttpServer(options).requestHandler(req -> {
      String peer = "-";
      try {
        peer = Handshakes.cn((X509Certificate) req.connection().peerCertificates().get(0));
      } catch (Exception e) {
        peer = "-";
      }
      req.response().end(ProxyTls.serverName(req.connection()).orElse("-") + " " + peer);
    }).listen().await(10, TimeUnit.SECONDS);
  }

  private String get(HttpServer server, String host, ClientSSLOptions options) throws Exception {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(server.actualPort())
        .setServer(SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1"))
        .setURI("/").setSsl(true).setSslOptions(options);
    return client.request(request).compose(r -> r.send().compose(resp -> resp.body()))
        .await(10, TimeUnit.SECONDS).toString();
  }

  private static Entity service(ObjectNode tls) {
    String id = UUID.randomUUID().toString();
    ObjectNode fields = Json.object().put("id", id).put("protocol", "https").put("host", "upstream.test").put("port", 443);
    fields.setAll(tls);
    return new Entity("services", id, fields);
  }

  /** A snapshot holding {@code ROOT} as a CA certificate, and service settings verifying against it. */
  private record Verified(Config config, ObjectNode tls) {
    static Verified byRoot() {
      TlsConfigs configs = TlsConfigs.config();
      String ca = configs.caCertificate(ROOT);
      return new Verified(configs.build(),
          Json.object().put("tls_verify", true).set("ca_certificates", Json.array().add(ca)));
    }

    Entity service() {
      return UpstreamTlsTest.service(tls.deepCopy());
    }
  }

  private ClientSSLOptions options(Config config, Entity service) {
    return upstreamTls.sslOptions(config, service).orElseThrow();
  }

  @Test
  void verificationIsOffUnlessTheServiceAsksSoAnyCertificateIsAcceptedAndSniIsTheHost() throws Exception {
    Config config = TlsConfigs.config().build();
    assertThat(get(direct, "upstream.test", options(config, service(Json.object())))).isEqualTo("upstream.test -");
    Entity off = service(Json.object().put("tls_verify", false));
    assertThat(get(direct, "elsewhere.test", options(config, off))).isEqualTo("elsewhere.test -");
  }

  @Test
  void verificationAgainstTheServicesCaCertificatesSucceeds() throws Exception {
    Verified verified = Verified.byRoot();
    assertThat(get(direct, "upstream.test", options(verified.config(), verified.service())))
        .isEqualTo("upstream.test -");
  }

  @Test
  void verificationWithoutCaCertificatesTrustsOnlyTheSystemCasAndFailsTheHandshake() {
    Entity verified = service(Json.object().put("tls_verify", true));
    ClientSSLOptions options = options(TlsConfigs.config().build(), verified);
    assertThatThrownBy(() -> get(direct, "upstream.test", options)).hasRootCauseInstanceOf(
        java.security.cert.CertPathBuilderException.class);
  }

  @Test
  void verificationChecksTheHostNameAgainstTheCertificate() {
    Verified verified = Verified.byRoot();
    ClientSSLOptions options = options(verified.config(), verified.service());
    assertThatThrownBy(() -> get(direct, "other.test", options)).hasCauseInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("No subject alternative DNS name matching other.test");
  }

  @Test
  void verifyDepthLimitsTheIntermediatesAndDefaultsToNginxsOne() throws Exception {
    Verified verified = Verified.byRoot();
    assertThat(get(chained, "upstream.test", options(verified.config(), verified.service())))
        .isEqualTo("upstream.test -");
    ClientSSLOptions depthZero = options(verified.config(), service(verified.tls().deepCopy().put("tls_verify_depth", 0)));
    assertThat(get(direct, "upstream.test", depthZero)).isEqualTo("upstream.test -");
    assertThatThrownBy(() -> get(chained, "upstream.test", depthZero)).hasCauseInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("certificate chain too long: 1 intermediate CA certificates, tls_verify_depth allows 0");
  }

  @Test
  void theClientCertificateIsPresentedWhenTheUpstreamRequiresOne() throws Exception {
    TlsConfigs configs = TlsConfigs.config();
    String certificate = configs.certificate(CLIENT);
    Config config = configs.build();
    ObjectNode mtls = Json.object();
    mtls.putObject("client_certificate").put("id", certificate);
    assertThat(get(mutual, "upstream.test", options(config, service(mtls)))).isEqualTo("upstream.test the-proxy");
    ClientSSLOptions without = options(config, service(Json.object()));
    assertThatThrownBy(() -> get(mutual, "upstream.test", without)).hasStackTraceContaining("bad_certificate");
  }

  @Test
  void equalSettingsShareOneOptionsInstanceAndAChangedCaUnderTheSameIdDoesNot() {
    Verified verified = Verified.byRoot();
    ClientSSLOptions one = options(verified.config(), verified.service());
    assertThat(options(verified.config(), verified.service())).isSameAs(one);
    String ca = verified.tls().get("ca_certificates").get(0).asText();
    Config changed = TlsConfigs.config().add(new Entity("ca_certificates", ca,
        Json.object().put("id", ca).put("cert", CLIENT_CA.leafPem()))).build();
    assertThat(options(changed, verified.service())).isNotSameAs(one);
    assertThat(UpstreamTlsKey.of(verified.config(), verified.service()).toString())
        .isEqualTo("UpstreamTlsKey[verify=true, depth=1, cas=1, clientCertificate=false]");
  }

  @Test
  void plainServicesHaveNoTlsAndAMissingCaCertificateIsNamedWhenItWouldBeUsed() {
    Config config = TlsConfigs.config().build();
    Entity plain = service(Json.object().put("protocol", "http"));
    assertThat(upstreamTls.sslOptions(config, plain)).isEmpty();
    String missing = UUID.randomUUID().toString();
    Entity broken = service(Json.object().put("tls_verify", true).set("ca_certificates", Json.array().add(missing)));
    assertThatThrownBy(() -> upstreamTls.sslOptions(config, broken)).isInstanceOf(TlsException.class)
        .hasMessage("service " + broken.id() + ": CA Certificate '" + missing + "' does not exist");
    Entity unverified = service(Json.object().put("tls_verify", false).set("ca_certificates", Json.array().add(missing)));
    assertThat(upstreamTls.sslOptions(config, unverified)).isPresent();
  }
}
