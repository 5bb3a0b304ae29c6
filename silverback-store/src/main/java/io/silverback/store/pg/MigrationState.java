package io.silverback.store.pg;

import java.util.List;

/**
 * Where a database stands with respect to the migrations this build ships, as Kong's
 * {@code schema_state}.
 *
 * @param needsBootstrap no migration has ever run
 * @param executed the migrations applied, oldest first
 * @param pending the migrations of this build not yet applied (Kong's "new migrations")
 */
public record MigrationState(boolean needsBootstrap, List<String> executed, List<String> pending) {
  public MigrationState {
    executed = List.copyOf(executed);
    pending = List.copyOf(pending);
  }

  public boolean upToDate() {
    return !needsBootstrap && pending.isEmpty();
  }
}
