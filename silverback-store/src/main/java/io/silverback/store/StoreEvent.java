package io.silverback.store;

/**
 * A change to the store, as the change feed reports it.
 *
 * @param operation what happened
 * @param type the entity type, or null for {@link Operation#RELOAD}
 * @param id the entity's primary key, or null for {@link Operation#RELOAD}
 */
public record StoreEvent(Operation operation, String type, String id) {
  /** Kind of change. */
  public enum Operation {
    CREATE, UPDATE, DELETE,
    /** Many entities changed at once (an import or a replace): re-read everything. */
    RELOAD
  }

  public static StoreEvent reload() {
    return new StoreEvent(Operation.RELOAD, null, null);
  }
}
