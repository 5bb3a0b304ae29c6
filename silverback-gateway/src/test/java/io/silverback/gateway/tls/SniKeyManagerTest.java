package io.silverback.gateway.tls;

import static io.silverback.gateway.tls.Handshakes.cn;
import static io.silverback.gateway.tls.Handshakes.served;
import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.Listener;
import io.silverback.core.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real handshakes on loopback against a Vert.x server set up by {@link ProxyTls#serverOptions}:
 * the certificate served follows the client's SNI over the current snapshot, as Kong's
 * {@code find_certificate}.
 */
class SniKeyManagerTest {
  @TempDir
  static Path prefix;
  static final AtomicReference<Config> SNAPSHOT = new AtomicReference<>();
  static Vertx vertx;
  static HttpServer server;
  static final TestPki.Issued exact = TestPki.selfSigned("exact.example.com", true);
  static final TestPki.Issued leftmost = TestPki.selfSigned("wild-left", true);
  static final TestPki.Issued rightmost = TestPki.selfSigned("wild-right", true);
  static final TestPki.Issued catchAll = TestPki.selfSigned("catch-all", true);
  static final TestPki.Issued dualRsa = TestPki.selfSigned("dual-rsa", false);
  static final TestPki.Issued dualEc = TestPki.selfSigned("dual-ec", true);

  @BeforeAll
  static void start() throws Exception {
    SNAPSHOT.set(TlsConfigs.config().build());
    CertificateKeys fallback = DefaultCertificate.inPrefix(prefix.resolve("ssl"), "silverback-default", Instant.now());
    SniKeyManager keys = new SniKeyManager(SNAPSHOT::get, fallback);
    Listener listener = new Listener("127.0.0.1", 0, Set.of("ssl", "http2"));
    HttpServerOptions options = ProxyTls.serverOptions(new HttpServerOptions().setHost("127.0.0.1").setPort(0),
        listener, keys);
    vertx = Vertx.vertx();
    server = vertx.createHttpServer(options)
        .requestHandler(req -> req.response().end(ProxyTls.scheme(req) + " "
            + ProxyTls.serverName(req.connection()).orElse("-") + " " + req.version()))
        .listen().await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static void serve(TlsConfigs config) {
    SNAPSHOT.set(config.build());
  }

  @Test
  void anExactSniGetsItsCertificate() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(exact, "exact.example.com");
    config.certificate(leftmost, "*.example.com");
    serve(config);
    assertThat(cn(served(server.actualPort(), "exact.example.com"))).isEqualTo("exact.example.com");
    assertThat(cn(served(server.actualPort(), "EXACT.example.com"))).isEqualTo("exact.example.com");
  }

  @Test
  void aLeftmostWildcardServesEveryNameOneLabelBelowIt() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(leftmost, "*.example.com");
    serve(config);
    assertThat(cn(served(server.actualPort(), "api.example.com"))).isEqualTo("wild-left");
    assertThat(cn(served(server.actualPort(), "example.com"))).isEqualTo("localhost");
  }

  @Test
  void aRightmostWildcardServesEveryTopLevelDomain() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(rightmost, "www.example.*");
    serve(config);
    assertThat(cn(served(server.actualPort(), "www.example.org"))).isEqualTo("wild-right");
    assertThat(cn(served(server.actualPort(), "api.example.org"))).isEqualTo("localhost");
  }

  @Test
  void theLeftmostWildcardWinsOverTheRightmostAndTheCatchAllComesLast() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(leftmost, "*.example.com");
    config.certificate(rightmost, "www.example.*");
    config.certificate(catchAll, "*");
    serve(config);
    assertThat(cn(served(server.actualPort(), "www.example.com"))).isEqualTo("wild-left");
    assertThat(cn(served(server.actualPort(), "www.example.net"))).isEqualTo("wild-right");
    assertThat(cn(served(server.actualPort(), "other.test"))).isEqualTo("catch-all");
  }

  @Test
  void noSniOrAnUnknownOneGetsTheDefaultCertificate() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(catchAll, "*");
    serve(config);
    assertThat(cn(served(server.actualPort(), null))).isEqualTo("localhost");
    serve(TlsConfigs.config());
    assertThat(cn(served(server.actualPort(), "unknown.example.com"))).isEqualTo("localhost");
  }

  @Test
  void aSwappedSnapshotChangesTheServedCertificateWithoutARestart() {
    TlsConfigs before = TlsConfigs.config();
    before.certificate(exact, "swap.example.com");
    serve(before);
    assertThat(cn(served(server.actualPort(), "swap.example.com"))).isEqualTo("exact.example.com");
    TlsConfigs after = TlsConfigs.config();
    after.certificate(catchAll, "swap.example.com");
    serve(after);
    assertThat(cn(served(server.actualPort(), "swap.example.com"))).isEqualTo("catch-all");
  }

  @Test
  void aCertificateWithAnAlternativeServesEachClientAKeyTypeItAccepts() {
    TlsConfigs config = TlsConfigs.config();
    config.certificate(dualRsa, dualEc, "dual.example.com");
    serve(config);
    int port = server.actualPort();
    assertThat(cn(served(port, "dual.example.com", Handshakes.ECDSA_ONLY))).isEqualTo("dual-ec");
    assertThat(cn(served(port, "dual.example.com", Handshakes.RSA_ONLY))).isEqualTo("dual-rsa");
    assertThat(served(port, null, Handshakes.ECDSA_ONLY).getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(served(port, null, Handshakes.RSA_ONLY).getPublicKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void aRequestOverTlsHasSchemeHttpsItsSniAndSpeaksHttp2ThroughAlpn() throws Exception {
    serve(TlsConfigs.config());
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    try {
      String body = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("h2.example.com")
              .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1"))
              .setURI("/"))
          .compose(r -> r.send().compose(resp -> resp.body()))
          .await(10, TimeUnit.SECONDS).toString();
      assertThat(body).isEqualTo("https h2.example.com HTTP_2");
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void kongLooksUpTheExactNameThenBothWildcardsThenTheCatchAll() {
    assertThat(SniIndex.candidates("www.example.com"))
        .containsExactly("www.example.com", "*.example.com", "www.example.*", "*");
    assertThat(SniIndex.candidates("example.com")).containsExactly("example.com", "example.*", "*");
    assertThat(SniIndex.candidates("localhost")).containsExactly("localhost", "*");
    assertThat(List.of(SniIndex.candidates("a.b.c.d").get(1))).containsExactly("*.b.c.d");
  }
}
