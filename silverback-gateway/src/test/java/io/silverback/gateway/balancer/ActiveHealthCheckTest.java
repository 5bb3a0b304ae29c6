package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Active health checks against real HTTP servers on loopback. */
class ActiveHealthCheckTest {
  Vertx vertx;
  HttpServer server;
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicReference<HttpServerRequest> last = new AtomicReference<>();
  final AtomicInteger served = new AtomicInteger();
  BalancerRegistry registry;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = await(vertx.createHttpServer().requestHandler(req -> {
      last.set(req);
      served.incrementAndGet();
      if (status.get() > 0) {
        req.response().setStatusCode(status.get()).end("probe");
      }
    }).listen(0, "127.0.0.1"));
    registry = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(5));
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
    await(vertx.close());
  }

  /**
   * Waits for a probe round, whose probes end within their 5 s timeouts. Rounds that once seemed to
   * take over 10 s, then 30 s, in CI had lost their response body and would never have ended
   * ({@link #everyRoundStartedOffTheEventLoopEndsWithItsProbeAnswered}); the wait stays generous.
   */
  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * An upstream with the loopback server and a second target (weight 0, on a loopback port nothing
   * listens on: an outside address may be answered by whatever the network in between does),
   * probed every {@code interval} seconds.
   */
  void configure(String interval, int port) {
    configure(interval, port, 1, 1);
  }

  /** As {@link #configure(String, int)}, with the TCP failure and timeout thresholds. */
  void configure(String interval, int port, int tcpFailures, int timeouts) {
    registry.update(snapshot(interval, port, tcpFailures, timeouts));
  }

  static Config snapshot(String interval, int port, int tcpFailures, int timeouts) {
    return Configs.yaml("""
        upstreams:
        - name: up
          host_header: api.internal
          healthchecks:
            active:
              http_path: /status
              timeout: %5$s
              headers:
                x-probe: [kong]
              healthy:
                interval: %1$s
                successes: 2
              unhealthy:
                interval: %1$s
                http_failures: 2
                tcp_failures: %3$d
                timeouts: %4$d
          targets:
          - target: 127.0.0.1:%2$d
          - target: 127.0.0.1:1
            weight: 0
        """.formatted(interval, port, tcpFailures, timeouts, timeouts > 0 && tcpFailures == 0 ? "0.3" : "5"));
  }

  Health health() {
    return registry.health(PassiveHealthTest.id(registry)).orElseThrow().targets().stream()
        .filter(t -> t.weight() > 0).findFirst().orElseThrow().health();
  }

  @Test
  void marksAFailingServerUnhealthyAndBringsItBackWhenItRecovers() throws Exception {
    configure("3600", server.actualPort());
    await(registry.probe("up", true));
    assertThat(health()).isEqualTo(Health.HEALTHY);

    status.set(500);
    await(registry.probe("up", true));
    assertThat(health()).isEqualTo(Health.HEALTHY);
    await(registry.probe("up", true));
    assertThat(health()).isEqualTo(Health.UNHEALTHY);
    assertThat(registry.forHost("up").pick(Configs.none(), Set.of())).isNull();

    status.set(200);
    await(registry.probe("up", true));
    await(registry.probe("up", false));
    assertThat(health()).isEqualTo(Health.UNHEALTHY);
    await(registry.probe("up", false));
    assertThat(health()).isEqualTo(Health.HEALTHY);
    assertThat(registry.forHost("up").pick(Configs.none(), Set.of())).isNotNull();
  }

  @Test
  void probesThePathWithTheUpstreamsHostHeaderAndTheConfiguredHeaders() throws Exception {
    configure("3600", server.actualPort());
    await(registry.probe("up", true));
    HttpServerRequest req = last.get();
    assertThat(req.path()).isEqualTo("/status");
    assertThat(req.getHeader("Host")).isEqualTo("api.internal");
    assertThat(req.getHeader("x-probe")).isEqualTo("kong");
  }

  /**
   * Rounds started off the event loop, as a test or a reload starts them: each must end with its
   * probe answered. When the response body was asked for one step after send() in the chain, about
   * one round in fifty saw the whole response go by first and never ended.
   */
  @Test
  void everyRoundStartedOffTheEventLoopEndsWithItsProbeAnswered() throws Exception {
    for (int i = 0; i < 200; i++) {
      BalancerRegistry fresh = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(i));
      try {
        fresh.update(snapshot("3600", server.actualPort(), 1, 1));
        assertThat(fresh.probe("up", true).toCompletionStage().toCompletableFuture())
            .as("round %d", i).succeedsWithin(3, TimeUnit.SECONDS);
        assertThat(served.get()).isEqualTo(i + 1);
      } finally {
        fresh.close();
      }
    }
  }

  @Test
  void countsARefusedConnectionAsATcpFailure() throws Exception {
    int port = server.actualPort();
    await(server.close());
    configure("3600", port, 1, 0);
    await(registry.probe("up", true));
    assertThat(health()).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void countsAServerThatDoesNotAnswerInTimeAsATimeout() throws Exception {
    status.set(0);
    configure("3600", server.actualPort(), 0, 1);
    await(registry.probe("up", true));
    assertThat(health()).isEqualTo(Health.UNHEALTHY);
  }

  @Test
  void probesOnItsIntervalsWithoutBeingAsked() throws Exception {
    status.set(503);
    configure("0.05", server.actualPort());
    assertThat(eventually(Health.UNHEALTHY)).isTrue();
    status.set(200);
    assertThat(eventually(Health.HEALTHY)).isTrue();
  }

  @Test
  void keepsProbingAcrossSnapshotSwapsThatLeaveItsSettingsAlone() throws Exception {
    configure("0.05", server.actualPort());
    Config same = snapshot("0.05", server.actualPort(), 1, 1);
    status.set(503);
    for (int i = 0; i < 20; i++) {
      registry.update(same);
      Thread.sleep(10);
    }
    assertThat(eventually(Health.UNHEALTHY)).isTrue();
  }

  private boolean eventually(Health expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (health() == expected) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
