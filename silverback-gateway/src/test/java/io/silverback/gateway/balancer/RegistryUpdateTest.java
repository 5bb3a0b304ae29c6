package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What survives a snapshot swap (Kong issues #7835 and #12528) and what does not. */
class RegistryUpdateTest {
  static Vertx vertx;
  static final String UPSTREAM = """
      upstreams:
      - name: up
        healthchecks:
          passive:
            unhealthy:
              tcp_failures: 1
        targets:
      %s
      """;
  static final String TWO = "  - target: 10.0.0.1:80\n  - target: 10.0.0.2:80\n";

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static BalancerRegistry registry() {
    return new BalancerRegistry(vertx, System::nanoTime, new SplittableRandom(3));
  }

  @Test
  void keepsAnUnhealthyTargetUnhealthyAcrossAnUnrelatedChange() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    UpstreamBalancer before = r.forHost("up");
    before.report(AlgorithmsTest.peer(before, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);

    r.update(Configs.yaml(UPSTREAM.formatted(TWO) + """
        services:
        - name: other
          url: http://example.com
        """));
    UpstreamBalancer after = r.forHost("up");
    assertThat(after).isNotSameAs(before);
    assertThat(AlgorithmsTest.share(after, 50, Configs.none())).containsOnlyKeys("10.0.0.2:80");
  }

  @Test
  void keepsHealthWhenATargetIsAddedToTheUpstream() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    UpstreamBalancer b = r.forHost("up");
    b.report(AlgorithmsTest.peer(b, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);
    r.update(Configs.yaml(UPSTREAM.formatted(TWO + "  - target: 10.0.0.3:80\n")));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 60, Configs.none())).containsOnlyKeys("10.0.0.2:80", "10.0.0.3:80");
  }

  @Test
  void aReportOnAPeerFromTheOldSnapshotStillCounts() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    UpstreamBalancer old = r.forHost("up");
    Peer picked = AlgorithmsTest.peer(old, "10.0.0.2:80");
    r.update(Configs.yaml(UPSTREAM.formatted(TWO) + "services:\n- name: s\n  url: http://x.test\n"));
    old.report(picked, Outcome.TCP_FAILURE, 0, 0);
    assertThat(AlgorithmsTest.share(r.forHost("up"), 50, Configs.none())).containsOnlyKeys("10.0.0.1:80");
  }

  @Test
  void forgetsTheStateOfARemovedTarget() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    UpstreamBalancer b = r.forHost("up");
    b.report(AlgorithmsTest.peer(b, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);
    r.update(Configs.yaml(UPSTREAM.formatted("  - target: 10.0.0.2:80\n")));
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 50, Configs.none())).containsKeys("10.0.0.1:80", "10.0.0.2:80");
  }

  @Test
  void dropsARemovedUpstream() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    r.update(Configs.yaml("services:\n- name: s\n  url: http://x.test\n"));
    assertThat(r.forHost("up")).isNull();
  }

  @Test
  void turningHealthChecksOffHealsEveryTarget() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    UpstreamBalancer b = r.forHost("up");
    b.report(AlgorithmsTest.peer(b, "10.0.0.1:80"), Outcome.TCP_FAILURE, 0, 0);
    r.update(Configs.yaml("upstreams:\n- name: up\n  targets:\n" + TWO));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 50, Configs.none())).containsKeys("10.0.0.1:80", "10.0.0.2:80");
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 50, Configs.none())).containsKeys("10.0.0.1:80", "10.0.0.2:80");
  }

  @Test
  void ofTwoEntriesForOneTargetTheLatestWins() {
    Config base = Configs.yaml(UPSTREAM.formatted("  - target: 10.0.0.1:80\n    weight: 100\n"));
    Entity first = base.all("targets").iterator().next();
    var later = first.copy();
    later.put("id", "ffffffff-0000-4000-8000-000000000001");
    later.put("weight", 0);
    later.put("created_at", first.get("created_at").asDouble() + 1);
    Config.Builder b = Config.builder(base.registry());
    for (String type : base.counts().keySet()) {
      base.all(type).forEach(b::put);
    }
    b.put(new Entity("targets", "ffffffff-0000-4000-8000-000000000001", later));
    BalancerRegistry r = registry();
    r.update(b.build());
    assertThat(r.forHost("up").pick(Configs.none(), Set.of())).isNull();
    assertThat(r.health(PassiveHealthTest.id(r)).orElseThrow().targets()).singleElement()
        .satisfies(t -> assertThat(t.weight()).isZero());
  }

  @Test
  void anUpstreamItCannotReadKeepsItsPreviousBalancerAndSparesTheOthers() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO) + "- name: other\n  targets:\n  - target: 10.0.0.9:80\n"));
    UpstreamBalancer previous = r.forHost("up");
    Config good = Configs.yaml(UPSTREAM.formatted(TWO) + "- name: other\n  targets:\n  - target: 10.0.0.8:80\n");
    Config.Builder b = Config.builder(good.registry());
    for (String type : good.counts().keySet()) {
      for (Entity e : good.all(type)) {
        if (e.type().equals("targets") && "10.0.0.1:80".equals(e.text("target"))) {
          var broken = e.copy();
          broken.put("target", "10.0.0.1:notaport");
          b.put(new Entity("targets", e.id(), broken));
        } else {
          b.put(e);
        }
      }
    }
    r.update(b.build());
    assertThat(r.forHost("up")).isSameAs(previous);
    assertThat(r.forHost("other").pick(Configs.none(), Set.of()).address()).isEqualTo("10.0.0.8:80");
  }

  @Test
  void closingStopsServingEveryUpstream() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    r.close();
    r.update(Configs.yaml(UPSTREAM.formatted(TWO)));
    assertThat(r.forHost("up")).isNull();
  }
}
