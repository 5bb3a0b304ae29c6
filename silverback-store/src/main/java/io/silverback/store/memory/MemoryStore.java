package io.silverback.store.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.ImportSummary;
import io.silverback.store.Offsets;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.Store;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreEvent;
import io.silverback.store.StoreException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The DB-less store ({@code database = off}, Kong's {@code kong/db/strategies/off}): one immutable
 * {@link Config} in an atomic reference. Reads see one snapshot each; {@link #replaceAll} swaps in
 * a new one, as {@code POST /config} does. Single-entity writes and {@link #loadAll} are refused
 * with Kong's DB-less messages. Reads of a type the registry does not know are programming errors
 * and throw {@link io.silverback.core.schema.SchemaDefinitionException}. Thread-safe.
 */
public final class MemoryStore implements Store {
  private final EntityRegistry registry;
  private final AtomicReference<Snapshot> current;
  private final ChangeFeed feed = new ChangeFeed();

  /** A store holding {@code initial}, with that config's registry. */
  public MemoryStore(Config initial) {
    this.registry = initial.registry();
    this.current = new AtomicReference<>(new Snapshot(initial));
  }

  @Override
  public EntityRegistry registry() {
    return registry;
  }

  @Override
  public String strategy() {
    return "off";
  }

  @Override
  public Optional<Entity> select(String type, String id) {
    schema(type);
    return current.get().config().get(type, id);
  }

  /**
   * {@inheritDoc} As in Kong, a UUID is only ever a primary key, and a type whose endpoint key is
   * absent or not unique finds nothing by a non-UUID.
   */
  @Override
  public Optional<Entity> find(String type, String idOrKey) {
    EntitySchema schema = schema(type);
    if (!schema.fields().get(schema.primaryKey()).isUuid() || isUuid(idOrKey)) {
      return select(type, idOrKey);
    }
    if (!schema.endpointKeyIsUnique()) {
      return Optional.empty();
    }
    return current.get().byEndpointKey(type, schema.endpointKey().orElseThrow(), idOrKey);
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException {@code INVALID_OPTIONS} when the request's foreign field is not a
   *     foreign key of {@code type}
   */
  @Override
  public Page page(String type, PageRequest request) {
    EntitySchema schema = schema(type);
    Optional<String> after = request.offset().map(Offsets::decode);
    Snapshot snapshot = current.get();
    List<Entity> rows;
    if (request.foreignField() == null) {
      rows = snapshot.sorted(type);
    } else {
      requireForeignKey(schema, request.foreignField());
      rows = snapshot.referencing(type, request.foreignField(), request.foreignId());
    }
    Predicate<Entity> keep = request.tags().map(TagMatch::of).orElse(e -> true);
    return KeysetPager.page(rows, after, request.size(), keep);
  }

  @Override
  public Page tags(Optional<String> tag, PageRequest request) {
    return TagRows.page(registry, current.get(), tag, request);
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException {@code INVALID_OPTIONS} when {@code field} is not a unique field
   */
  @Override
  public Optional<Entity> selectByUnique(String type, String field, String value) {
    EntitySchema schema = schema(type);
    if (!schema.uniqueFields().contains(field)) {
      throw StoreErrors.invalidOptions(field, "not a unique field of '" + type + "'");
    }
    return current.get().byEndpointKey(type, field, value);
  }

  @Override
  public long count(String type) {
    schema(type);
    return current.get().config().count(type);
  }

  /** @throws StoreException always: {@code OPERATION_UNSUPPORTED} */
  @Override
  public Entity insert(String type, ObjectNode input) {
    throw unsupported("create", type);
  }

  /** @throws StoreException always: {@code OPERATION_UNSUPPORTED} */
  @Override
  public Entity update(String type, String id, ObjectNode patch) {
    throw unsupported("update", type);
  }

  /** @throws StoreException always: {@code OPERATION_UNSUPPORTED} */
  @Override
  public Entity upsert(String type, String id, ObjectNode input) {
    throw unsupported("create or update", type);
  }

  /** @throws StoreException always: {@code OPERATION_UNSUPPORTED} */
  @Override
  public boolean delete(String type, String id) {
    throw unsupported("remove", type);
  }

  /**
   * Refused: in DB-less mode the config is replaced whole ({@link #replaceAll}), as Kong's
   * {@code kong config db_import} refuses {@code database = off}.
   *
   * @throws StoreException always: {@code OPERATION_UNSUPPORTED}
   */
  @Override
  public ImportSummary loadAll(Config config) {
    throw StoreErrors.operationUnsupported("cannot import entities when not using a database;"
        + " reload the declarative configuration using the /config endpoint");
  }

  /** Swaps in {@code config} and tells every subscriber to reload; never fails part-way. */
  @Override
  public ImportSummary replaceAll(Config config) {
    Objects.requireNonNull(config, "config");
    Snapshot before = current.getAndSet(new Snapshot(config));
    feed.publish(StoreEvent.reload());
    return ImportSummary.replacing(before.config(), config);
  }

  @Override
  public Config export() {
    return current.get().config();
  }

  /**
   * {@inheritDoc} Listeners run on one thread of the store's, in subscription order, so a slow
   * listener never blocks {@link #replaceAll}'s caller.
   */
  @Override
  public AutoCloseable subscribe(Consumer<StoreEvent> listener) {
    return feed.subscribe(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops the listeners' thread once queued events are delivered; reads keep working. */
  @Override
  public void close() {
    feed.close();
  }

  /** Kong's {@code cannot create 'services' entities when not using a database}. */
  private static StoreException unsupported(String operation, String type) {
    return StoreErrors.operationUnsupported(
        "cannot " + operation + " '" + type + "' entities when not using a database");
  }

  /** The schema of {@code type}; an unknown type is refused as the PostgreSQL store refuses it. */
  private EntitySchema schema(String type) {
    return registry.get(type).orElseThrow(() -> StoreErrors.invalidOptions("type", "unknown entity type '" + type + "'"));
  }

  private static void requireForeignKey(EntitySchema schema, String field) {
    if (schema.foreignKeys().stream().noneMatch(fk -> fk.getKey().equals(field))) {
      throw StoreErrors.invalidOptions(field, "not a foreign key of '" + schema.name() + "'");
    }
  }

  /** Kong's {@code is_valid_uuid}: 8-4-4-4-12 hex digits, either case. */
  private static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (dash ? c != '-' : !hex) {
        return false;
      }
    }
    return true;
  }
}
