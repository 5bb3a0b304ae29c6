package io.silverback.store.pg;

import javax.sql.DataSource;

/**
 * For other modules' tests: the migrations of a pretend next release, this build's plus
 * {@code db/next-release/V2__next_release_column.sql}, to play an upgrade from level 1 to 2.
 */
public final class NextRelease {
  private NextRelease() {}

  /** This build's migrations and the next release's, over {@code schema}. */
  public static Migrations migrations(DataSource dataSource, String schema) {
    return new Migrations(dataSource, schema, "classpath:db/migration", "classpath:db/next-release");
  }
}
