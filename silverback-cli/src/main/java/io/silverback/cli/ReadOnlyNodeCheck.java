package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.node.Node;
import io.silverback.gateway.proxy.ProxySnapshot;
import io.silverback.ops.backup.NodeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node step of {@code backup verify --deep}: starts a node read-only ({@link
 * Node#startReadOnly}) on the scratch database, reads every entity back through its Admin API
 * ({@link AdminReadBack}), compares them with the declarative export, and checks that its proxy
 * compiled the snapshot with every route. No request is proxied: the routes lead to the operator's
 * real upstreams.
 */
final class ReadOnlyNodeCheck implements NodeCheck {
  /**
   * The node's start and stop lines are not the verifier's output (it reports through {@code
   * progress}): held here, so the level stays set, and raised to warnings while the check runs.
   */
  private static final java.util.logging.Logger NODE_LOG = java.util.logging.Logger.getLogger(Node.class.getName());

  private final EntityRegistry registry;

  ReadOnlyNodeCheck(EntityRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Result check(NodeConf scratch, Optional<Config> declarative, Consumer<String> progress) {
    java.util.logging.Level level = NODE_LOG.getLevel();
    NODE_LOG.setLevel(java.util.logging.Level.WARNING);
    Node node;
    try {
      node = Node.startReadOnly(scratch);
    } catch (RuntimeException e) {
      NODE_LOG.setLevel(level);
      throw e;
    }
    try {
      Config restored = node.snapshot();
      Config expected = declarative.orElse(restored);
      int port = node.adminPorts().get(0);
      progress.accept("Reading every entity through the node's Admin API on 127.0.0.1:" + port);
      AdminReadBack reader = new AdminReadBack(port, registry);
      ServedDiff diff = new ServedDiff(expected);
      reader.forEach(diff::served);
      List<String> differences = new ArrayList<>(diff.finish(AdminReadBack.types(registry)));
      ProxySnapshot proxy = node.proxySnapshot();
      int routes = expected.count("routes");
      if (proxy.config() != node.snapshot() || proxy.router().size() != routes) {
        differences.add("the read-only node's proxy did not compile the configuration: its router has "
            + proxy.router().size() + " routes of " + routes);
      }
      return new Result(restored, "a read-only node served " + diff.served() + " entities through its Admin API ("
          + reader.requests() + " pages) and compiled " + proxy.router().size() + " routes", differences);
    } finally {
      node.stop();
      NODE_LOG.setLevel(level);
    }
  }
}
