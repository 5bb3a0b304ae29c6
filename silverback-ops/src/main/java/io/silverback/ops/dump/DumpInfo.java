package io.silverback.ops.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a native dump did.
 *
 * @param method {@code "pg_dump"} or {@code "builtin"}
 * @param tool e.g. {@code "pg_dump (PostgreSQL) 15.14"} or {@code "silverback builtin COPY"}
 * @param fallbackReason why {@link DumpMethod#AUTO} did not use pg_dump, or null
 * @param rows rows per table, in dump order
 */
public record DumpInfo(String method, String tool, String fallbackReason, Map<String, Long> rows) {
  public DumpInfo {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }
}
