package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Target names become one address per A record (Kong's balancer expansion), cached for the TTLs,
 * with a name table standing in for DNS and a fake clock.
 */
class TargetNamesTest {
  static Vertx vertx;
  static final String UPSTREAM = """
      upstreams:
      - name: up
        targets:
        - target: shop.test:8080
        - target: 10.0.0.9:80
      """;

  final Map<String, List<String>> names = new HashMap<>();
  final AtomicLong clock = new AtomicLong();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private InetAddress[] lookUp(String name) throws UnknownHostException {
    List<String> ips = names.get(name);
    if (ips == null) {
      throw new UnknownHostException(name);
    }
    InetAddress[] out = new InetAddress[ips.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = InetAddress.getByName(ips.get(i));
    }
    return out;
  }

  private BalancerRegistry registry() {
    TargetResolver resolver = new TargetResolver(this::lookUp, new DnsSettings(List.of("A"), 30, 5, 1), clock::get);
    return new BalancerRegistry(vertx, clock::get, new SplittableRandom(1), resolver);
  }

  @Test
  void aNameWithSeveralARecordsIsBalancedOverEachOfThem() {
    names.put("shop.test", List.of("10.1.0.1", "10.1.0.2"));
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM));

    assertThat(AlgorithmsTest.share(r.forHost("up"), 300, Configs.none()))
        .containsOnlyKeys("10.1.0.1:8080", "10.1.0.2:8080", "10.0.0.9:80");
    UpstreamHealth.Target shop = r.health(r.forHost("up") instanceof Balancer b ? b.id() : "").orElseThrow()
        .target("shop.test:8080").orElseThrow();
    assertThat(shop.addresses()).extracting(UpstreamHealth.AddressHealth::ip).containsExactly("10.1.0.1", "10.1.0.2");
    r.close();
  }

  @Test
  void aNameThatDoesNotResolveIsADnsErrorAndAnUpstreamOfOnlySuchNamesSaysSo() {
    BalancerRegistry r = registry();
    r.update(Configs.yaml("""
        upstreams:
        - name: up
          targets:
          - target: shop.test:8080
        """));
    UpstreamBalancer b = r.forHost("up");
    assertThat(b.nameResolutionFailed()).isTrue();
    assertThat(b.pick(Configs.none(), java.util.Set.of())).isNull();
    UpstreamHealth.Target shop = r.health(((Balancer) b).id()).orElseThrow().target("shop.test:8080").orElseThrow();
    assertThat(shop.health()).isEqualTo(Health.DNS_ERROR);
    r.close();
  }

  @Test
  void anAnswerIsKeptForItsTtlThenLookedUpAgain() {
    names.put("shop.test", List.of("10.1.0.1"));
    BalancerRegistry r = registry();
    r.update(Configs.yaml(UPSTREAM));
    names.put("shop.test", List.of("10.1.0.7"));

    clock.addAndGet(29_000_000_000L);
    r.update(Configs.yaml(UPSTREAM));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 100, Configs.none())).containsKey("10.1.0.1:8080");

    clock.addAndGet(2_000_000_000L);
    r.update(Configs.yaml(UPSTREAM));
    assertThat(AlgorithmsTest.share(r.forHost("up"), 100, Configs.none()))
        .containsOnlyKeys("10.1.0.7:8080", "10.0.0.9:80");
    r.close();
  }
}
