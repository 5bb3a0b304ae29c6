package io.silverback.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a node's entities live: PostgreSQL ({@link io.silverback.store.pg.PostgresStore}) or, in
 * DB-less mode, one immutable {@link Config} ({@link io.silverback.store.memory.MemoryStore}).
 *
 * <p>Single-entity writes take Admin API input (foreign keys as {@code {"id": ...}}), validate it
 * with the schema engine, fill auto fields and apply Kong's transformations, so every caller gets
 * the same rules. Failures are {@link StoreException}s carrying Kong's error code and message.
 * Stores are thread-safe.
 */
public interface Store extends AutoCloseable {
  /** The schemas this store holds entities of. */
  EntityRegistry registry();

  /** Kong's name for the strategy: {@code postgres} or {@code off}. */
  String strategy();

  /** The entity of {@code type} with primary key {@code id}. */
  Optional<Entity> select(String type, String id);

  /**
   * The entity addressed as the Admin API addresses it: by primary key when {@code idOrKey} is a
   * UUID, else by the schema's endpoint key ({@code services/my-service}).
   */
  Optional<Entity> find(String type, String idOrKey);

  /**
   * One page of {@code type}, ordered by primary key.
   *
   * @throws StoreException {@code INVALID_OFFSET} for an offset this store did not issue
   */
  Page page(String type, PageRequest request);

  /**
   * One page of every tag of every tagged entity, as Kong's {@code /tags} lists them: entities of
   * the pseudo type {@link TagOffsets#TYPE} with fields {@code entity_name}, {@code entity_id} and
   * {@code tag}, ordered by entity id and then by the tag's position on the entity. With
   * {@code tag}, only the entities carrying it, one row each. Only {@code size} and
   * {@code offset} of {@code request} are used; expired entities are left out.
   *
   * @throws StoreException {@code INVALID_OFFSET} for an offset this store did not issue
   */
  Page tags(Optional<String> tag, PageRequest request);

  /**
   * The entity of {@code type} whose unique field {@code field} holds {@code value}
   * ({@code /consumers?custom_id=}).
   *
   * @throws StoreException {@code INVALID_OPTIONS} when {@code field} is not a unique field
   */
  Optional<Entity> selectByUnique(String type, String field, String value);

  /** The number of entities of {@code type}. */
  long count(String type);

  /**
   * Creates an entity ({@code POST /services}).
   *
   * @throws StoreException {@code SCHEMA_VIOLATION}, {@code PRIMARY_KEY_VIOLATION},
   *     {@code FOREIGN_KEY_VIOLATION}, {@code UNIQUE_VIOLATION}, or {@code OPERATION_UNSUPPORTED}
   *     in DB-less mode
   */
  Entity insert(String type, ObjectNode input);

  /**
   * Changes some fields of an entity ({@code PATCH}); records are merged field by field.
   *
   * @throws StoreException {@code NOT_FOUND} when there is no such entity, or as {@link #insert}
   */
  Entity update(String type, String id, ObjectNode patch);

  /**
   * Creates or replaces the entity with primary key {@code id} ({@code PUT}).
   *
   * @throws StoreException as {@link #insert}
   */
  Entity upsert(String type, String id, ObjectNode input);

  /**
   * Deletes an entity, cascading to the entities whose foreign keys say so and refusing when a
   * restricting reference remains. Deleting what does not exist is not an error (Kong: 204).
   *
   * @return whether an entity was deleted
   * @throws StoreException {@code FOREIGN_KEY_VIOLATION} when another entity still references it
   */
  boolean delete(String type, String id);

  /**
   * Creates or replaces every entity of {@code config} in one transaction; entities the config
   * does not mention stay. Either all of it is applied or nothing is.
   *
   * @throws StoreException naming the first entity that could not be written
   */
  ImportSummary loadAll(Config config);

  /**
   * Makes the store hold exactly {@code config}, in one transaction.
   *
   * @throws StoreException as {@link #loadAll}
   */
  ImportSummary replaceAll(Config config);

  /** Every entity, read from one consistent snapshot. */
  Config export();

  /**
   * Calls {@code listener} for every change, made by this store or (PostgreSQL) by any other node
   * sharing the database, on a thread of the store's. Close the subscription to stop.
   */
  AutoCloseable subscribe(Consumer<StoreEvent> listener);

  @Override
  void close();
}
