package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How each of Kong's algorithms shares traffic among an upstream's targets. */
class AlgorithmsTest {
  static Vertx vertx;
  final AtomicLong nanos = new AtomicLong();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  BalancerRegistry registry(String yaml) {
    BalancerRegistry r = new BalancerRegistry(vertx, nanos::get, new SplittableRandom(7));
    r.update(Configs.yaml(yaml));
    return r;
  }

  static String targets(String name, String extra, String... targetsAndWeights) {
    StringBuilder b = new StringBuilder("upstreams:\n- name: " + name + "\n" + extra + "  targets:\n");
    for (int i = 0; i < targetsAndWeights.length; i += 2) {
      b.append("  - target: ").append(targetsAndWeights[i]).append("\n    weight: ")
          .append(targetsAndWeights[i + 1]).append('\n');
    }
    return b.toString();
  }

  static Map<String, Integer> share(UpstreamBalancer b, int picks, HashInput input) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      Peer p = b.pick(input, Set.of());
      counts.merge(p.address(), 1, Integer::sum);
      b.release(p);
    }
    return counts;
  }

  @Test
  void roundRobinHonoursWeightsAndLeavesWeightZeroOut() {
    UpstreamBalancer b = registry(targets("rr", "", "10.0.0.1:80", "100", "10.0.0.2:80", "200", "10.0.0.3:80", "0"))
        .forHost("rr");
    Map<String, Integer> counts = share(b, 30_000, Configs.none());
    assertThat(counts).containsOnlyKeys("10.0.0.1:80", "10.0.0.2:80");
    assertThat(counts.get("10.0.0.1:80")).isCloseTo(10_000, within(100));
    assertThat(counts.get("10.0.0.2:80")).isCloseTo(20_000, within(100));
  }

  @Test
  void roundRobinSkipsTheTargetsARequestAlreadyTried() {
    UpstreamBalancer b = registry(targets("rr", "", "10.0.0.1:80", "100", "10.0.0.2:80", "100")).forHost("rr");
    Peer first = b.pick(Configs.none(), Set.of());
    Peer second = b.pick(Configs.none(), Set.of(first));
    assertThat(second).isNotNull().isNotEqualTo(first);
    assertThat(b.pick(Configs.none(), Set.of(first, second))).isNull();
  }

  @Test
  void consistentHashingSendsOneKeyToOnePeerAndSpreadsKeysByWeight() {
    UpstreamBalancer b = registry(targets("ch", "  hash_on: header\n  hash_on_header: x-user\n",
        "10.0.0.1:80", "100", "10.0.0.2:80", "100", "10.0.0.3:80", "100", "10.0.0.4:80", "100")).forHost("ch");
    Peer alice = b.pick(user("alice"), Set.of());
    for (int i = 0; i < 100; i++) {
      assertThat(b.pick(user("alice"), Set.of())).isEqualTo(alice);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.merge(b.pick(user("user-" + i), Set.of()).address(), 1, Integer::sum);
    }
    assertThat(counts).hasSize(4);
    counts.values().forEach(n -> assertThat(n).isCloseTo(5_000, within(1_000)));
  }

  @Test
  void consistentHashingRemapsOnlyTheNewTargetsShareWhenOneIsAdded() {
    String hash = "  hash_on: header\n  hash_on_header: x-user\n";
    UpstreamBalancer four = registry(targets("ch", hash,
        "10.0.0.1:80", "100", "10.0.0.2:80", "100", "10.0.0.3:80", "100", "10.0.0.4:80", "100")).forHost("ch");
    UpstreamBalancer five = registry(targets("ch", hash, "10.0.0.1:80", "100", "10.0.0.2:80", "100",
        "10.0.0.3:80", "100", "10.0.0.4:80", "100", "10.0.0.5:80", "100")).forHost("ch");
    int moved = 0;
    int keys = 20_000;
    for (int i = 0; i < keys; i++) {
      Peer before = four.pick(user("user-" + i), Set.of());
      Peer after = five.pick(user("user-" + i), Set.of());
      if (!before.address().equals(after.address())) {
        moved++;
        assertThat(after.address()).isEqualTo("10.0.0.5:80");
      }
    }
    assertThat((double) moved / keys).isCloseTo(0.2, within(0.06));
  }

  @Test
  void consistentHashingBuildsTheSameContinuumWhateverTheTargetOrder() {
    String hash = "  hash_on: ip\n";
    UpstreamBalancer one = registry(targets("ch", hash, "10.0.0.1:80", "100", "b.example:8080", "50",
        "10.0.0.2:80", "100")).forHost("ch");
    UpstreamBalancer other = registry(targets("ch", hash, "10.0.0.2:80", "100", "10.0.0.1:80", "100",
        "b.example:8080", "50")).forHost("ch");
    for (int i = 0; i < 2_000; i++) {
      HashInput client = Configs.ip("192.168." + (i / 256) + "." + (i % 256));
      assertThat(other.pick(client, Set.of()).address()).isEqualTo(one.pick(client, Set.of()).address());
    }
  }

  @Test
  void consistentHashingFallsBackWhenTheRequestLacksTheValue() {
    UpstreamBalancer b = registry(targets("ch", "  hash_on: header\n  hash_on_header: x-user\n"
        + "  hash_fallback: ip\n", "10.0.0.1:80", "100", "10.0.0.2:80", "100", "10.0.0.3:80", "100")).forHost("ch");
    Set<String> peers = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      HashInput client = Configs.ip("10.1.0." + i);
      Peer p = b.pick(client, Set.of());
      assertThat(b.pick(client, Set.of())).isEqualTo(p);
      peers.add(p.address());
    }
    assertThat(peers).hasSizeGreaterThan(1);
  }

  @Test
  void consistentHashingOnAMissingCookieMakesOneUpForTheProxyToSet() {
    UpstreamBalancer b = registry(targets("ch", "  hash_on: cookie\n  hash_on_cookie: sticky\n"
        + "  hash_on_cookie_path: /app\n", "10.0.0.1:80", "100")).forHost("ch");
    Configs.Request input = Configs.none();
    assertThat(b.pick(input, Set.of())).isNotNull();
    assertThat(input.setCookies()).containsKey("sticky");
    assertThat(input.setCookies().get("sticky")).matches("[0-9a-f-]{36};/app");
  }

  @Test
  void leastConnectionsPrefersTheFewestActiveAttemptsPerWeight() {
    UpstreamBalancer b = registry(targets("lc", "  algorithm: least-connections\n",
        "10.0.0.1:80", "300", "10.0.0.2:80", "100")).forHost("lc");
    Map<String, Integer> active = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      active.merge(b.pick(Configs.none(), Set.of()).address(), 1, Integer::sum);
    }
    assertThat(active.get("10.0.0.1:80")).isCloseTo(300, within(1));
    assertThat(active.get("10.0.0.2:80")).isCloseTo(100, within(1));
  }

  @Test
  void leastConnectionsGoesBackToATargetOnceItsAttemptIsReleased() {
    UpstreamBalancer b = registry(targets("lc", "  algorithm: least-connections\n",
        "10.0.0.1:80", "100", "10.0.0.2:80", "100")).forHost("lc");
    Peer first = b.pick(Configs.none(), Set.of());
    Peer second = b.pick(Configs.none(), Set.of());
    assertThat(second).isNotEqualTo(first);
    b.release(first);
    assertThat(b.pick(Configs.none(), Set.of())).isEqualTo(first);
  }

  @Test
  void latencySteersAwayFromTheSlowTargetAndBackWhenItTurnsFast() {
    UpstreamBalancer b = registry(targets("lat", "  algorithm: latency\n",
        "10.0.0.1:80", "100", "10.0.0.2:80", "100")).forHost("lat");
    Peer fast = peer(b, "10.0.0.1:80");
    Peer slow = peer(b, "10.0.0.2:80");
    b.report(fast, Outcome.RESPONSE, 200, 10);
    b.report(slow, Outcome.RESPONSE, 200, 200);
    assertThat(share(b, 1_000, Configs.none())).containsOnlyKeys("10.0.0.1:80");

    nanos.addAndGet(60_000_000_000L);
    b.report(fast, Outcome.RESPONSE, 200, 400);
    assertThat(share(b, 1_000, Configs.none())).containsOnlyKeys("10.0.0.2:80");
  }

  @Test
  void latencyAveragesDecayWithATenSecondTimeConstant() {
    AddressState s = new AddressState();
    s.measured(100, 0);
    s.measured(0, AddressState.DECAY_NANOS);
    assertThat(s.latency(AddressState.DECAY_NANOS)).isCloseTo(100 * Math.exp(-1), within(1e-9));
    assertThat(s.latency(2 * AddressState.DECAY_NANOS)).isCloseTo(100 * Math.exp(-2), within(1e-9));
  }

  @Test
  void latencyStartsANewTargetAtTheAverageOfTheOthers() {
    BalancerRegistry r = registry(targets("lat", "  algorithm: latency\n", "10.0.0.1:80", "100", "10.0.0.2:80", "100"));
    UpstreamBalancer b = r.forHost("lat");
    b.report(peer(b, "10.0.0.1:80"), Outcome.RESPONSE, 200, 10);
    b.report(peer(b, "10.0.0.2:80"), Outcome.RESPONSE, 200, 30);
    r.update(Configs.yaml(targets("lat", "  algorithm: latency\n", "10.0.0.1:80", "100", "10.0.0.2:80", "100",
        "10.0.0.3:80", "100")));
    Map<String, Integer> counts = share(r.forHost("lat"), 3_000, Configs.none());
    assertThat(counts.get("10.0.0.1:80")).isGreaterThan(counts.getOrDefault("10.0.0.3:80", 0));
    assertThat(counts.get("10.0.0.3:80")).isGreaterThan(counts.getOrDefault("10.0.0.2:80", 0));
  }

  /** The peer a balancer hands out for {@code address}. */
  static Peer peer(UpstreamBalancer b, String address) {
    return ((Balancer) b).addresses().stream().map(Address::peer).filter(p -> p.address().equals(address))
        .findFirst().orElseThrow(() -> new AssertionError("no target " + address));
  }

  static HashInput user(String name) {
    return Configs.headers(Map.of("x-user", name));
  }
}
