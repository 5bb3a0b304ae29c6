package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code grpc} and {@code grpcs} probes speak HTTP/2 to loopback servers that record what they got. */
class GrpcProbeTest {
  static Vertx vertx;
  static HttpServer cleartext;
  static HttpServer tls;
  static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    cleartext = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
        .requestHandler(req -> {
          seen.add("grpc " + req.version() + " " + req.path());
          req.response().end();
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setAlpnVersions(List.of(HttpVersion.HTTP_2)).setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(req -> {
          seen.add("grpcs " + req.version() + " " + req.path());
          req.response().end();
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Starts the target unhealthy, probes it once with {@code type}, and answers its health. */
  static Health probeOnce(String type, int port) throws Exception {
    BalancerRegistry r = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(1));
    try {
      r.update(Configs.yaml("""
          upstreams:
          - name: up
            healthchecks:
              active:
                type: %s
                http_path: /grpc.health.v1.Health/Check
                https_verify_certificate: false
                timeout: 5
                healthy:
                  interval: 3600
                  successes: 1
                unhealthy:
                  interval: 3600
                  tcp_failures: 1
            targets:
            - target: 127.0.0.1:%d
          """.formatted(type, port)));
      r.setHealth(PassiveHealthTest.id(r), "up", "127.0.0.1:" + port, null, false);
      r.probe("up", false).await(10, TimeUnit.SECONDS);
      return r.health(PassiveHealthTest.id(r)).orElseThrow().targets().get(0).health();
    } finally {
      r.close();
    }
  }

  @Test
  void aGrpcProbeSpeaksH2cWithPriorKnowledge() throws Exception {
    assertThat(probeOnce("grpc", cleartext.actualPort())).isEqualTo(Health.HEALTHY);
    assertThat(seen).contains("grpc HTTP_2 /grpc.health.v1.Health/Check");
  }

  @Test
  void aGrpcsProbeSpeaksH2OverTls() throws Exception {
    assertThat(probeOnce("grpcs", tls.actualPort())).isEqualTo(Health.HEALTHY);
    assertThat(seen).contains("grpcs HTTP_2 /grpc.health.v1.Health/Check");
  }
}
