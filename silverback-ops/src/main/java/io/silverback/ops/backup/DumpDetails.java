package io.silverback.ops.backup;

import java.util.Map;

/**
 * How the bundle's database dump was made, as the manifest records it.
 *
 * @param method {@code "pg_dump"} or {@code "builtin"}
 * @param tool e.g. {@code "pg_dump (PostgreSQL) 15.14"}
 * @param fallbackReason why pg_dump was not used when it was the default choice, or null
 * @param rows rows per table
 */
public record DumpDetails(String method, String tool, String fallbackReason, Map<String, Long> rows) {
  /** Copies the map. */
  public DumpDetails {
    rows = Map.copyOf(rows);
  }
}
