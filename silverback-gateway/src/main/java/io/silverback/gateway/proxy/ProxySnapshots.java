package io.silverback.gateway.proxy;

import io.silverback.core.config.Config;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.plugin.PluginCatalog;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link ProxySnapshot} the proxy serves from. Register it as a {@code ConfigWatcher} swap
 * listener: every new {@link Config} is compiled on the watcher's thread (never an event loop),
 * the balancers are brought in line, then the new snapshot replaces the old in one volatile write.
 * Requests already running keep the snapshot they started with. When compiling fails the previous
 * snapshot stays. Thread-safe.
 */
public final class ProxySnapshots implements Consumer<Config> {
  private final PluginCatalog catalog;
  private final BalancerRegistry balancers;
  private volatile ProxySnapshot current;

  /** Snapshots of {@code initial} and its successors, over {@code catalog}, updating {@code balancers}. */
  public ProxySnapshots(Config initial, PluginCatalog catalog, BalancerRegistry balancers) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.balancers = Objects.requireNonNull(balancers, "balancers");
    accept(initial);
  }

  /** The snapshot to start a request with. */
  public ProxySnapshot current() {
    return current;
  }

  /**
   * Compiles {@code config} and swaps it in.
   *
   * @throws RuntimeException when compiling fails; the current snapshot stays
   */
  @Override
  public void accept(Config config) {
    ProxySnapshot next = ProxySnapshot.build(config, catalog);
    balancers.update(config);
    current = next;
  }
}
