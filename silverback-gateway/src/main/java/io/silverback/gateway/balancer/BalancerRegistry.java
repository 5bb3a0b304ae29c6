package io.silverback.gateway.balancer;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The balancers of a node's upstreams, by upstream name. {@link #update} is called with every new
 * snapshot: it builds each upstream's balancer afresh from the snapshot's entities, while the
 * run-time state of every (upstream, target address) pair that is still there carries over
 * (health, active attempts, latency), and so does an active checker whose settings did not
 * change. Removed upstreams stop their checks; removed targets lose their state. Health is never
 * written anywhere: not to the store, not to backups. Thread-safe.
 */
public final class BalancerRegistry implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BalancerRegistry.class.getName());
  private final Vertx vertx;
  private final LongSupplier nanos;
  private final RandomGenerator random;
  private final Map<String, UpstreamState> states = new HashMap<>();
  private volatile Map<String, Balancer> byName = Map.of();
  private volatile Map<String, Balancer> byId = Map.of();
  private final TargetResolver resolver;
  private HttpClient probes;
  private HttpClient h2Probes;
  private boolean closed;
  private Config last;
  private long refreshTimer = -1;

  /** A registry whose health checks (when configured) run on {@code vertx}. */
  public BalancerRegistry(Vertx vertx) {
    this(vertx, DnsSettings.DEFAULTS);
  }

  /** A registry resolving target names with {@code dns} through the system resolver. */
  public BalancerRegistry(Vertx vertx, DnsSettings dns) {
    this(vertx, System::nanoTime, () -> ThreadLocalRandom.current().nextLong(),
        new TargetResolver(InetAddress::getAllByName, dns, System::nanoTime));
  }

  /** As {@link #BalancerRegistry(Vertx)}, with the clock latency averages decay by and the randomness. */
  BalancerRegistry(Vertx vertx, LongSupplier nanos, RandomGenerator random) {
    this(vertx, nanos, random, new TargetResolver(InetAddress::getAllByName, DnsSettings.DEFAULTS, nanos));
  }

  /** As {@link #BalancerRegistry(Vertx, LongSupplier, RandomGenerator)}, with the target name resolver. */
  BalancerRegistry(Vertx vertx, LongSupplier nanos, RandomGenerator random, TargetResolver resolver) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.nanos = nanos;
    this.random = random;
    this.resolver = resolver;
  }

  /**
   * Brings the balancers in line with {@code config}. Target names are resolved here (blocking,
   * cached): call it off the event loops.
   */
  public synchronized void update(Config config) {
    if (closed) {
      return;
    }
    last = config;
    Map<String, List<Entity>> targets = targetsByUpstream(config);
    Map<String, Balancer> names = new HashMap<>();
    Map<String, Balancer> ids = new HashMap<>();
    for (Entity u : config.all("upstreams")) {
      UpstreamState state = states.computeIfAbsent(u.id(), id -> new UpstreamState());
      Balancer b;
      try {
        b = build(u, targets.getOrDefault(u.id(), List.of()), state);
      } catch (RuntimeException e) {
        // One upstream the balancer cannot read must not keep the node from serving the others.
        LOG.log(System.Logger.Level.ERROR, "upstream " + u.id() + " (" + u.text("name")
            + "): balancer not rebuilt, keeping the previous one: " + e, e);
        b = byId.get(u.id());
        if (b == null) {
          continue;
        }
      }
      names.put(b.name(), b);
      ids.put(u.id(), b);
    }
    for (Iterator<Map.Entry<String, UpstreamState>> it = states.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, UpstreamState> e = it.next();
      if (!ids.containsKey(e.getKey())) {
        e.getValue().close();
        it.remove();
      }
    }
    byName = Map.copyOf(names);
    byId = Map.copyOf(ids);
    if (refreshTimer < 0 && names.values().stream().anyMatch(Balancer::hasNames)) {
      refreshTimer = vertx.setPeriodic(resolver.refreshMillis(), id -> refreshNames());
    }
  }

  /** Re-resolves target names whose answers expired, rebuilding the balancers (their health is kept). */
  private void refreshNames() {
    if (!resolver.anyExpired()) {
      return;
    }
    vertx.executeBlocking(() -> {
      synchronized (this) {
        if (last != null) {
          update(last);
        }
      }
      return null;
    }, false);
  }

  /** The balancer for a service whose host is {@code host}, or null when no upstream has that name. */
  public UpstreamBalancer forHost(String host) {
    return byName.get(host);
  }

  /** The health of upstream {@code upstreamId}'s targets; empty when this node has no balancer for it. */
  public Optional<UpstreamHealth> health(String upstreamId) {
    return Optional.ofNullable(byId.get(upstreamId)).map(Balancer::health);
  }

  /**
   * Marks {@code target} ({@code host:port}) of upstream {@code upstreamId} healthy or unhealthy
   * and clears its counters; only {@code address} ({@code host:port}) of it when not null. Health
   * checks go on counting from there.
   *
   * @param upstreamName the upstream's name, for the message
   * @throws BalancerException when this node has no balancer for the upstream, or the upstream
   *     runs no health checks (Kong's messages)
   */
  public void setHealth(String upstreamId, String upstreamName, String target, String address, boolean healthy) {
    Balancer b = byId.get(upstreamId);
    if (b == null) {
      throw new BalancerException("Upstream " + upstreamName + " has no balancer");
    }
    b.setHealth(target, address, healthy);
  }

  /** Stops the health checkers. */
  @Override
  public synchronized void close() {
    closed = true;
    if (refreshTimer >= 0) {
      vertx.cancelTimer(refreshTimer);
      refreshTimer = -1;
    }
    states.values().forEach(UpstreamState::close);
    states.clear();
    byName = Map.of();
    byId = Map.of();
    if (probes != null) {
      probes.close();
      probes = null;
    }
    if (h2Probes != null) {
      h2Probes.close();
      h2Probes = null;
    }
  }

  /** Runs one round of upstream {@code name}'s active checks now, for tests that do not wait for timers. */
  synchronized Future<Void> probe(String name, boolean healthyOnes) {
    Balancer b = byName.get(name);
    ActiveChecker checker = b == null ? null : states.get(b.id()).checker();
    return checker == null ? Future.succeededFuture() : checker.probe(healthyOnes);
  }

  private Balancer build(Entity u, List<Entity> targets, UpstreamState state) {
    String name = u.text("name");
    Healthchecks checks = Healthchecks.of(u.get("healthchecks"));
    state.checked(checks.enabled());
    List<Address> all = new ArrayList<>();
    List<Address> unresolved = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Entity t : targets) {
      Address written = TargetAddress.of(t, null);
      String host = written.peer().host();
      if (!TargetResolver.isName(host)) {
        keys.add(written.target());
        all.add(written.with(written.peer(), state.address(written.target())));
        continue;
      }
      List<String> ips = resolver.resolve(host);
      if (ips.isEmpty()) {
        unresolved.add(written);
      }
      for (String ip : ips) {
        String key = written.target() + "@" + ip;
        keys.add(key);
        all.add(written.with(new Peer(t.id(), ip, written.port()), state.address(key)));
      }
    }
    state.retain(keys);
    Algorithm algorithm = algorithm(u, all);
    Balancer b = new Balancer(u.id(), name, u.text("host_header"), all, unresolved, checks, algorithm, state.flips(),
        nanos);
    activeChecks(state, b);
    return b;
  }

  private Algorithm algorithm(Entity u, List<Address> all) {
    List<Address> weighted = all.stream().filter(a -> a.weight() > 0).toList();
    String algorithm = u.text("algorithm");
    return switch (algorithm == null ? "round-robin" : algorithm) {
      case "consistent-hashing" -> new ConsistentHashing(all, u.get("slots").asInt(10000), HashOn.of(u.fields()),
          u.text("name"));
      case "least-connections" -> new LeastConnections(weighted);
      case "latency" -> new Latency(weighted, nanos, random);
      default -> new RoundRobin(weighted, random);
    };
  }

  /** Keeps, replaces, starts or stops the upstream's active checker to fit {@code b}'s settings. */
  private void activeChecks(UpstreamState state, Balancer b) {
    Healthchecks checks = b.checks();
    if (!checks.probe().runs()) {
      state.checker(null);
      return;
    }
    ActiveChecker checker = state.checker();
    boolean same = checker != null && checker.settings().active().equals(checks.active())
        && checker.settings().probe().equals(checks.probe());
    if (!same) {
      checker = new ActiveChecker(vertx, checks.probe().http2() ? h2Probes() : probes(), b.name(), checks);
      state.checker(checker);
    }
    checker.retarget(b.addresses(), b.hostHeader(), () -> state.flips().incrementAndGet());
    if (!same) {
      checker.start();
    }
  }

  private HttpClient probes() {
    if (probes == null) {
      probes = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }
    return probes;
  }

  /** The client of {@code grpc}/{@code grpcs} probes: HTTP/2 only, as the targets are gRPC servers. */
  private HttpClient h2Probes() {
    if (h2Probes == null) {
      h2Probes = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
          .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
          .setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2)));
    }
    return h2Probes;
  }

  /**
   * Each upstream's targets, oldest first; of several entries for one {@code target} the latest
   * ({@code created_at}, then id) wins, as Kong's balancer keeps it.
   */
  private static Map<String, List<Entity>> targetsByUpstream(Config config) {
    List<Entity> sorted = new ArrayList<>(config.all("targets"));
    sorted.sort(Comparator.comparingDouble((Entity t) -> t.get("created_at").asDouble()).thenComparing(Entity::id));
    Map<String, Map<String, Entity>> latest = new LinkedHashMap<>();
    for (Entity t : sorted) {
      String upstream = t.foreignId("upstream");
      String target = t.text("target");
      if (upstream != null && target != null) {
        Map<String, Entity> byTarget = latest.computeIfAbsent(upstream, k -> new LinkedHashMap<>());
        byTarget.remove(target);
        byTarget.put(target, t);
      }
    }
    Map<String, List<Entity>> out = new HashMap<>();
    latest.forEach((u, m) -> out.put(u, List.copyOf(m.values())));
    return out;
  }
}
