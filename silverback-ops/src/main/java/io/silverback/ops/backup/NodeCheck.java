package io.silverback.ops.backup;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last step of {@code backup verify --deep}: start a node read-only against the scratch
 * database and compare what it serves with the bundle's declarative export. The node lives in the
 * gateway module, which ops does not depend on, so the command line plugs it in ({@link
 * DeepVerify#withNodeCheck}).
 */
@FunctionalInterface
public interface NodeCheck {
  /**
   * What the node showed.
   *
   * @param restored what the database holds, as the node's store read it for its snapshot (the
   *     same read {@link io.silverback.store.Store#export} makes, so the database is read once)
   * @param summary one line for people, e.g. how many entities the Admin API served
   * @param differences what the Admin API serves that differs from {@code expected}, per entity id
   *     and field, and what the proxy failed to compile; empty when nothing
   */
  record Result(Config restored, String summary, List<String> differences) {}

  /**
   * Starts a node on {@code scratch} (its prefix a scratch directory, its listeners on ephemeral
   * loopback ports, its database already made read-only), reads every entity back, stops it.
   *
   * @param scratch the node configuration for the scratch database
   * @param expected the bundle's declarative export; empty when the bundle has none, and the Admin
   *     API is then compared with what the database holds
   * @throws RuntimeException when the node cannot start; the message says why
   */
  Result check(NodeConf scratch, Optional<Config> expected, Consumer<String> progress);
}
