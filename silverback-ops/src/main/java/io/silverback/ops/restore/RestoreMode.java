package io.silverback.ops.restore;

import java.util.Locale;

/** How a bundle is restored. */
public enum RestoreMode {
  /** Load the database dump into the configured database, then migrate forward. */
  NATIVE,
  /** Bootstrap or migrate the configured database and import the declarative export in one transaction. */
  DECLARATIVE,
  /** Write the declarative export for a DB-less node, to its file or its {@code POST /config}. */
  DBLESS;

  /** The mode's name on the command line: {@code native}, {@code declarative}, {@code dbless}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
