/**
 * The backup bundle: one directory ({@code silverback-backup-<UTC time>-<id>/}) or one {@code .sbk}
 * archive holding a database dump, the declarative export of the same snapshot, the keyring and
 * the prefix files, with a manifest that names every stored file's SHA-256. Every file is
 * zstd-compressed and, when asked, encrypted with AES-256-GCM in authenticated chunks.
 *
 * <p>Here live the container (layout, manifest, compression, encryption, atomic writing), reading
 * it back ({@link io.silverback.ops.backup.Bundle}: verify, extract), the backup directory
 * ({@link io.silverback.ops.backup.BackupDirectory}: list, prune) and the orchestration of
 * {@code backup create}. What must not live here: taking the database snapshot and loading it back
 * ({@code io.silverback.ops.dump}) and the restore modes ({@code io.silverback.ops.restore}).
 */
package io.silverback.ops.backup;
