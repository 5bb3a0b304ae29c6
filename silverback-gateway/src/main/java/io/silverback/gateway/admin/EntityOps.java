package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import io.silverback.store.KongError;
import io.silverback.store.Store;
import io.silverback.store.StoreErrors;
import io.silverback.store.StoreException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kong's DAO calls as the generated endpoints make them ({@code kong/api/endpoints.lua}
 * {@code query_entity}): an entity is addressed by primary key, or by endpoint key when the value
 * is not a UUID; writes resolve foreign keys given by endpoint key first. In DB-less mode writes
 * are refused with Kong's {@code kong/db/strategies/off} messages, after the reads Kong does
 * first (so a PATCH of a missing entity is still 404 and a DELETE of one still 204).
 */
final class EntityOps {
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private final AdminContext context;
  private final ForeignKeys foreignKeys;
  private final Ttl ttl = new Ttl(Clock.systemUTC());

  EntityOps(AdminContext context) {
    this.context = context;
    this.foreignKeys = new ForeignKeys(context.store());
  }

  /** The entity's fields as replies show them ({@link Ttl#render}: the remaining ttl). */
  ObjectNode json(Entity entity) {
    return ttl.render(entity);
  }

  Ttl ttl() {
    return ttl;
  }

  Store store() {
    return context.store();
  }

  /**
   * The entity {@code idOrKey} addresses.
   *
   * @throws StoreException {@code INVALID_PRIMARY_KEY} for a non-UUID where the schema has no
   *     endpoint key
   */
  Optional<Entity> select(EntitySchema schema, String idOrKey) {
    if (byKey(schema, idOrKey)) {
      return live(context.store().find(schema.name(), idOrKey));
    }
    requireValidKey(schema, idOrKey);
    return live(context.store().select(schema.name(), idOrKey));
  }

  /** Hides an expired entity, which a DB-less store still holds. */
  private Optional<Entity> live(Optional<Entity> entity) {
    return entity.filter(e -> !ttl.expired(e));
  }

  /** As {@link #select}, a missing entity being 404 {@code Not found}. */
  Entity require(EntitySchema schema, String idOrKey) {
    return select(schema, idOrKey).orElseThrow(AdminException::notFound);
  }

  Entity create(EntitySchema schema, ObjectNode body) {
    refuseWithoutDatabase("create", schema, null);
    return context.store().insert(schema.name(), foreignKeys.resolve(schema, ttl.toStore(schema, body)));
  }

  /** PUT: replaces the entity, or creates it with that primary or endpoint key. */
  Entity upsert(EntitySchema schema, String idOrKey, ObjectNode body) {
    boolean byKey = byKey(schema, idOrKey);
    refuseWithoutDatabase("create or update", schema, byKey ? endpointKey(schema) : null);
    ObjectNode input = foreignKeys.resolve(schema, ttl.toStore(schema, body));
    if (!byKey) {
      requireValidKey(schema, idOrKey);
      return context.store().upsert(schema.name(), idOrKey, input);
    }
    input.put(endpointKey(schema), idOrKey);
    Optional<Entity> current = context.store().find(schema.name(), idOrKey);
    return current.isPresent()
        ? context.store().upsert(schema.name(), current.get().id(), input)
        : context.store().insert(schema.name(), input);
  }

  /**
   * PATCH: merges {@code body} into the entity.
   *
   * @throws StoreException {@code NOT_FOUND} with Kong's DAO body when there is no such entity
   */
  Entity update(EntitySchema schema, String idOrKey, ObjectNode body) {
    boolean byKey = byKey(schema, idOrKey);
    Entity current = select(schema, idOrKey).orElseThrow(() -> byKey
        ? StoreErrors.notFoundByField(endpointKey(schema), idOrKey)
        : StoreErrors.notFound(schema.name(), idOrKey));
    refuseWithoutDatabase("update", schema, byKey ? endpointKey(schema) : null);
    return context.store().update(schema.name(), current.id(), foreignKeys.resolve(schema, ttl.toStore(schema, body)));
  }

  /** DELETE: nothing to delete is not an error. */
  void delete(EntitySchema schema, String idOrKey) {
    Optional<Entity> current = select(schema, idOrKey);
    if (current.isEmpty()) {
      return;
    }
    refuseWithoutDatabase("remove", schema, byKey(schema, idOrKey) ? endpointKey(schema) : null);
    context.store().delete(schema.name(), current.get().id());
  }

  /** The foreign key {@code {"id": ...}} that points to {@code entity}. */
  static ObjectNode reference(Entity entity) {
    return Json.object().put("id", entity.id());
  }

  static boolean isUuid(String value) {
    return UUID.matcher(value).matches();
  }

  private static boolean byKey(EntitySchema schema, String idOrKey) {
    return schema.endpointKey().isPresent() && !isUuid(idOrKey);
  }

  private static String endpointKey(EntitySchema schema) {
    return schema.endpointKey().orElseThrow();
  }

  /** Kong's {@code invalid primary key: '{id="expected a valid UUID"}'}. */
  private static void requireValidKey(EntitySchema schema, String id) {
    if (schema.fields().get(schema.primaryKey()).isUuid() && !isUuid(id)) {
      String why = "expected a valid UUID";
      throw new StoreException(KongError.INVALID_PRIMARY_KEY,
          "invalid primary key: '{" + schema.primaryKey() + "=\"" + why + "\"}'",
          Json.object().put(schema.primaryKey(), why));
    }
  }

  /** {@code cannot update 'services' entities by 'name' when not using a database}. */
  private void refuseWithoutDatabase(String operation, EntitySchema schema, String byField) {
    if (context.dbless()) {
      String by = byField == null ? "" : " by '" + byField + "'";
      throw StoreErrors.operationUnsupported(
          "cannot " + operation + " '" + schema.name() + "' entities" + by + " when not using a database");
    }
  }

  /** Whether {@code entity}'s foreign key {@code field} points to {@code parent}. */
  static boolean belongsTo(Entity entity, String field, Entity parent) {
    return parent.id().equals(entity.foreignId(field));
  }
}
