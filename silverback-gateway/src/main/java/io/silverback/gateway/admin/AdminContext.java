package io.silverback.gateway.admin;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.Store;

/**
 * What every Admin API route works with.
 *
 * @param store the node's store ({@code PostgresStore}, or {@code MemoryStore} when
 *     {@code database = off})
 * @param conf the node's effective configuration
 * @param nodeId this node's id (a UUID, stable across restarts of one prefix)
 */
public record AdminContext(Store store, NodeConf conf, String nodeId) {
  public EntityRegistry registry() {
    return store.registry();
  }

  /** Whether this node is DB-less. */
  public boolean dbless() {
    return "off".equals(store.strategy());
  }
}
