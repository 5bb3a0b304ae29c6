package io.silverback.gateway.balancer;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The balancers of a node's upstreams, by upstream name. {@link #update} is called with every new
 * snapshot and keeps the state of upstreams and targets that did not change. Thread-safe.
 *
 * <p>First cut: plain round-robin over targets with weight above 0; no health checks.
 */
public final class BalancerRegistry implements AutoCloseable {
  private final Vertx vertx;
  private volatile Map<String, UpstreamBalancer> byName = Map.of();

  /** A registry whose health checks (when configured) run on {@code vertx}. */
  public BalancerRegistry(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  /** Brings the balancers in line with {@code config}. */
  public void update(Config config) {
    Map<String, UpstreamBalancer> next = new ConcurrentHashMap<>();
    for (Entity u : config.all("upstreams")) {
      List<Peer> peers = new ArrayList<>();
      for (Entity t : config.all("targets")) {
        if (u.id().equals(t.foreignId("upstream")) && t.get("weight").asInt(100) > 0) {
          String target = t.text("target");
          int colon = target.lastIndexOf(':');
          boolean hasPort = colon > 0 && target.indexOf(']') < colon
              && target.indexOf(':') == colon;
          String host = hasPort ? target.substring(0, colon) : target;
          int port = hasPort ? Integer.parseInt(target.substring(colon + 1)) : 8000;
          peers.add(new Peer(t.id(), host.replace("[", "").replace("]", ""), port));
        }
      }
      next.put(u.text("name"), new RoundRobin(u.text("name"), u.text("host_header"), List.copyOf(peers)));
    }
    byName = next;
  }

  /** The balancer for a service whose host is {@code host}, or null when no upstream has that name. */
  public UpstreamBalancer forHost(String host) {
    return byName.get(host);
  }

  /** Stops the health checkers. */
  @Override
  public void close() {
    byName = Map.of();
  }

  /** The Vert.x health checks run on. */
  Vertx vertx() {
    return vertx;
  }

  private record RoundRobin(String name, String hostHeader, List<Peer> peers, AtomicInteger next)
      implements UpstreamBalancer {
    RoundRobin(String name, String hostHeader, List<Peer> peers) {
      this(name, hostHeader, peers, new AtomicInteger());
    }

    @Override
    public Peer pick(HashInput input, Set<Peer> tried) {
      for (int i = 0; i < peers.size(); i++) {
        Peer p = peers.get(Math.floorMod(next.getAndIncrement(), peers.size()));
        if (!tried.contains(p)) {
          return p;
        }
      }
      return null;
    }

    @Override
    public void report(Peer peer, Outcome outcome, int status, long latencyMillis) {}

    @Override
    public void release(Peer peer) {}
  }
}
