package io.silverback.ops.dump;

/** How a native dump is taken. */
public enum DumpMethod {
  /** {@code pg_dump} when a compatible one is on the PATH, else {@link #BUILTIN}, saying why. */
  AUTO,
  /** {@code pg_dump -F d} on the snapshot; fails when it is missing or older than the server. */
  PG_DUMP,
  /** {@code COPY <table> TO STDOUT} over JDBC for every Silverback table: works with any server version. */
  BUILTIN
}
