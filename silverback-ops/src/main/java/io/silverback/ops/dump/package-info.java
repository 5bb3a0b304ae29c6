/**
 * One consistent snapshot of the database and the way back: {@link io.silverback.ops.dump.DatabaseSnapshot}
 * reads the native dump (through {@code pg_dump}, or Silverback's own {@code COPY ... TO STDOUT})
 * and the declarative export from the same exported snapshot; {@link io.silverback.ops.dump.DatabaseLoad}
 * loads a dump into a private schema and swaps it in with one short transaction. The bundle
 * around a dump (manifest, checksums, compression) belongs to {@code io.silverback.ops.backup}.
 */
package io.silverback.ops.dump;
