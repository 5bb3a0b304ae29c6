package io.silverback.ops.dump;

import io.silverback.store.pg.Identifiers;

/**
 * The names of the private schemas a load works in next to schema {@code S}: {@code S_sb_restore}
 * (built and filled, then swapped in) and {@code S_sb_replaced} (what it replaces, dropped after
 * the swap), shortened with a hash of {@code S} when {@code S} is too long for PostgreSQL's 63
 * bytes ({@link Identifiers}), so a 63-character {@code pg_schema} restores too.
 */
final class PrivateSchemas {
  private PrivateSchemas() {}

  /** The schema a load into {@code schema} builds and fills. */
  static String restore(String schema) {
    return Identifiers.derived("", schema, "_sb_restore");
  }

  /** The name {@code schema}'s old tables take while the restored ones are swapped in. */
  static String replaced(String schema) {
    return Identifiers.derived("", schema, "_sb_replaced");
  }
}
