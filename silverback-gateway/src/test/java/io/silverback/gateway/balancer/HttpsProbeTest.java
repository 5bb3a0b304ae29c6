package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code https} probes against a loopback server with a self-signed certificate. */
class HttpsProbeTest {
  static Vertx vertx;
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(req -> req.response().end("ok"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * Starts the target unhealthy when not verifying (a success must heal it) and healthy when
   * verifying (a failure must take it out), then probes it once.
   */
  static Health probeOnce(boolean verify) throws Exception {
    BalancerRegistry r = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(1));
    try {
      r.update(Configs.yaml("""
          upstreams:
          - name: up
            healthchecks:
              active:
                type: https
                https_sni: localhost
                https_verify_certificate: %s
                timeout: 5
                healthy:
                  interval: 3600
                  successes: 1
                unhealthy:
                  interval: 3600
                  tcp_failures: 1
            targets:
            - target: 127.0.0.1:%d
          """.formatted(verify, server.actualPort())));
      r.setHealth(PassiveHealthTest.id(r), "up", "127.0.0.1:" + server.actualPort(), null, verify);
      r.probe("up", verify).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return r.health(PassiveHealthTest.id(r)).orElseThrow().targets().get(0).health();
    } finally {
      r.close();
    }
  }

  @Test
  void acceptsASelfSignedTargetWhenVerificationIsOff() throws Exception {
    assertThat(probeOnce(false)).isEqualTo(Health.HEALTHY);
  }

  @Test
  void countsAnUntrustedCertificateAsATcpFailureWhenVerificationIsOn() throws Exception {
    assertThat(probeOnce(true)).isEqualTo(Health.UNHEALTHY);
  }
}
