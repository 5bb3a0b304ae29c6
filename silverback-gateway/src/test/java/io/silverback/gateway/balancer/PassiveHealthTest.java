package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passive health checks: what the proxy reports takes targets out, and the threshold the upstream. */
class PassiveHealthTest {
  static Vertx vertx;
  static final String PASSIVE = """
        healthchecks:
          threshold: %s
          passive:
            unhealthy:
              http_failures: 2
              tcp_failures: 1
              timeouts: 1
      """;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static BalancerRegistry registry(String healthchecks) {
    BalancerRegistry r = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(1));
    r.update(Configs.yaml("""
        upstreams:
        - name: up
        %s
          targets:
          - target: 10.0.0.1:80
          - target: 10.0.0.2:80
        """.formatted(healthchecks)));
    return r;
  }

  @Test
  void takesATargetOutAfterItsHttpFailuresReachTheThreshold() {
    UpstreamBalancer b = registry(PASSIVE.formatted(0)).forHost("up");
    Peer bad = AlgorithmsTest.peer(b, "10.0.0.1:80");
    b.report(bad, Outcome.RESPONSE, 500, 5);
    assertThat(AlgorithmsTest.share(b, 100, Configs.none())).containsKey("10.0.0.1:80");
    b.report(bad, Outcome.RESPONSE, 503, 5);
    assertThat(AlgorithmsTest.share(b, 100, Configs.none())).containsOnlyKeys("10.0.0.2:80");
  }

  @Test
  void answersNoPeerWhenEveryTargetIsUnhealthy() {
    UpstreamBalancer b = registry(PASSIVE.formatted(0)).forHost("up");
    b.report(AlgorithmsTest.peer(b, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);
    b.report(AlgorithmsTest.peer(b, "10.0.0.2:80"), Outcome.TIMEOUT, 0, 0);
    assertThat(b.pick(Configs.none(), Set.of())).isNull();
  }

  @Test
  void answersNoPeerWhenTheHealthyWeightIsNotAboveTheThreshold() {
    UpstreamBalancer b = registry(PASSIVE.formatted(50)).forHost("up");
    assertThat(b.pick(Configs.none(), Set.of())).isNotNull();
    b.report(AlgorithmsTest.peer(b, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);
    assertThat(b.pick(Configs.none(), Set.of())).isNull();
  }

  @Test
  void countsNothingWhenTheUpstreamRunsNoHealthChecks() {
    BalancerRegistry r = registry("");
    UpstreamBalancer b = r.forHost("up");
    Peer p = AlgorithmsTest.peer(b, "10.0.0.1:80");
    for (int i = 0; i < 10; i++) {
      b.report(p, Outcome.TCP_FAILURE, 0, 0);
    }
    assertThat(AlgorithmsTest.share(b, 100, Configs.none())).containsKeys("10.0.0.1:80", "10.0.0.2:80");
    String upstreamId = id(r);
    assertThat(r.health(upstreamId).orElseThrow().targets())
        .allSatisfy(t -> assertThat(t.health()).isEqualTo(Health.HEALTHCHECKS_OFF));
    assertThatThrownBy(() -> r.setHealth(upstreamId, "up", "10.0.0.1:80", null, false))
        .isInstanceOf(BalancerException.class).hasMessage("no healthchecker found for up");
  }

  @Test
  void marksTargetsHealthyOrUnhealthyOnRequest() {
    BalancerRegistry r = registry(PASSIVE.formatted(0));
    UpstreamBalancer b = r.forHost("up");
    r.setHealth(id(r), "up", "10.0.0.2:80", null, false);
    assertThat(AlgorithmsTest.share(b, 50, Configs.none())).containsOnlyKeys("10.0.0.1:80");
    assertThat(r.health(id(r)).orElseThrow().target("10.0.0.2:80").orElseThrow().health()).isEqualTo(Health.UNHEALTHY);
    r.setHealth(id(r), "up", "10.0.0.2:80", "10.0.0.2:80", true);
    assertThat(AlgorithmsTest.share(b, 50, Configs.none())).containsKeys("10.0.0.1:80", "10.0.0.2:80");
    r.setHealth(id(r), "up", "10.0.0.2:80", "10.9.9.9:80", false);
    assertThat(r.health(id(r)).orElseThrow().target("10.0.0.2:80").orElseThrow().health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void refusesToSetHealthOnAnUpstreamWithoutBalancer() {
    BalancerRegistry r = registry(PASSIVE.formatted(0));
    assertThatThrownBy(() -> r.setHealth("00000000-0000-0000-0000-000000000000", "gone", "10.0.0.1:80", null, true))
        .isInstanceOf(BalancerException.class).hasMessage("Upstream gone has no balancer");
  }

  @Test
  void unhealthyTargetsAreSkippedOnTheContinuumSoOtherKeysStayPut() {
    BalancerRegistry r = new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(1));
    r.update(Configs.yaml("""
        upstreams:
        - name: up
          hash_on: header
          hash_on_header: x-user
          healthchecks:
            passive:
              unhealthy:
                tcp_failures: 1
          targets:
          - target: 10.0.0.1:80
          - target: 10.0.0.2:80
          - target: 10.0.0.3:80
        """));
    UpstreamBalancer b = r.forHost("up");
    Map<Integer, String> before = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      before.put(i, b.pick(AlgorithmsTest.user("u" + i), Set.of()).address());
    }
    b.report(AlgorithmsTest.peer(b, "10.0.0.3:80"), Outcome.TCP_FAILURE, 0, 0);
    for (int i = 0; i < 3_000; i++) {
      String now = b.pick(AlgorithmsTest.user("u" + i), Set.of()).address();
      if (before.get(i).equals("10.0.0.3:80")) {
        assertThat(now).isNotEqualTo("10.0.0.3:80");
      } else {
        assertThat(now).isEqualTo(before.get(i));
      }
    }
  }

  /** The id of the one upstream. */
  static String id(BalancerRegistry r) {
    return ((Balancer) r.forHost("up")).id();
  }
}
