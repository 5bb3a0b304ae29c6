package io.silverback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.gateway.node.Node;
import io.silverback.gateway.proxy.ProxySnapshot;
import io.silverback.ops.backup.ConfigDiff;
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
  static final String WHERE = "the read-only node's Admin API";

  private final EntityRegistry registry;

  ReadOnlyNodeCheck(EntityRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Result check(NodeConf scratch, Optional<Config> declarative, Consumer<String> progress) {
    Node node = Node.startReadOnly(scratch);
    try {
      Config restored = node.snapshot();
      Config expected = declarative.orElse(restored);
      int port = node.adminPorts().get(0);
      progress.accept("Reading every entity through the node's Admin API on 127.0.0.1:" + port);
      AdminReadBack reader = new AdminReadBack(port, registry);
      Config served = reader.all();
      List<String> differences = new ArrayList<>(ConfigDiff.of(compared(expected), withExpectedTtl(served, expected), WHERE));
      ProxySnapshot proxy = node.proxySnapshot();
      int routes = expected.count("routes");
      if (proxy.config() != node.snapshot() || proxy.router().size() != routes) {
        differences.add("the read-only node's proxy did not compile the configuration: its router has "
            + proxy.router().size() + " routes of " + routes);
      }
      return new Result(restored, "a read-only node served " + served.size() + " entities through its Admin API ("
          + reader.requests() + " pages) and compiled " + proxy.router().size() + " routes", differences);
    } finally {
      node.stop();
    }
  }

  /** The export without the types the Admin API does not list. */
  private Config compared(Config expected) {
    Config.Builder b = Config.builder(registry);
    for (EntitySchema schema : AdminReadBack.types(registry)) {
      expected.all(schema.name()).forEach(b::put);
    }
    return b.build();
  }

  /**
   * The Admin API shows {@code ttl} as the seconds left, the export as stored: where both have one,
   * the served entity takes the export's, so only a missing or added {@code ttl} counts.
   */
  private Config withExpectedTtl(Config served, Config expected) {
    Config.Builder b = Config.builder(registry);
    for (EntitySchema schema : registry.ordered()) {
      for (Entity e : served.all(schema.name())) {
        JsonNode ttl = expected.get(schema.name(), e.id()).map(x -> x.get("ttl")).orElse(null);
        if (schema.ttl() && ttl != null && ttl.isNumber() && e.get("ttl").isNumber()) {
          Entity copy = new Entity(e.type(), e.id(), e.copy());
          copy.fields().set("ttl", ttl);
          e = copy;
        }
        b.put(e);
      }
    }
    return b.build();
  }
}
