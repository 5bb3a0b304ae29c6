package io.silverback.gateway.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.ImportSummary;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.Store;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that reads and never writes, for a node started with {@link Node#startReadOnly}: every
 * write fails as Kong's DB-less Admin API refuses one ({@code 405}, {@code operation unsupported}),
 * with a message that says why. Reads, the change feed and {@link #close} go to the store under it.
 */
final class ReadOnlyStore implements Store {
  private final Store store;

  ReadOnlyStore(Store store) {
    this.store = store;
  }

  @Override
  public EntityRegistry registry() {
    return store.registry();
  }

  @Override
  public String strategy() {
    return store.strategy();
  }

  @Override
  public Optional<Entity> select(String type, String id) {
    return store.select(type, id);
  }

  @Override
  public Optional<Entity> find(String type, String idOrKey) {
    return store.find(type, idOrKey);
  }

  @Override
  public Page page(String type, PageRequest request) {
    return store.page(type, request);
  }

  @Override
  public Page tags(Optional<String> tag, PageRequest request) {
    return store.tags(tag, request);
  }

  @Override
  public Optional<Entity> selectByUnique(String type, String field, String value) {
    return store.selectByUnique(type, field, value);
  }

  @Override
  public long count(String type) {
    return store.count(type);
  }

  @Override
  public Entity insert(String type, ObjectNode input) {
    throw refused("create", type);
  }

  @Override
  public Entity update(String type, String id, ObjectNode patch) {
    throw refused("update", type);
  }

  @Override
  public Entity upsert(String type, String id, ObjectNode input) {
    throw refused("create or update", type);
  }

  @Override
  public boolean delete(String type, String id) {
    throw refused("remove", type);
  }

  @Override
  public ImportSummary loadAll(Config config) {
    throw refused("import", "any");
  }

  @Override
  public ImportSummary replaceAll(Config config) {
    throw refused("import", "any");
  }

  @Override
  public Config export() {
    return store.export();
  }

  @Override
  public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
    return store.subscribe(listener);
  }

  @Override
  public void close() {
    store.close();
  }

  /** Kong's DB-less wording, {@code cannot create 'services' entities ...}, with this node's reason. */
  private static RuntimeException refused(String operation, String type) {
    return StoreErrors.operationUnsupported("cannot " + operation + " '" + type + "' entities on a read-only node");
  }
}
