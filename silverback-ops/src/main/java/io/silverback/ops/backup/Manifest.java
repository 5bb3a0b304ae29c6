package io.silverback.ops.backup;

import java.time.Instant;
import java.util.Map;

/**
 * What a bundle holds and where it came from, as written in its {@code manifest.json}.
 *
 * @param format the bundle format version ({@link #FORMAT} when written by this Silverback)
 * @param silverbackVersion the version that wrote the bundle
 * @param schemaLevel the latest applied migration of the database, or null without a database
 * @param postgresVersion the PostgreSQL server version, or null without a database
 * @param mode {@code "postgres"} or {@code "off"} (DB-less)
 * @param dumpMethod {@code "pg_dump"}, {@code "builtin"}, or null when the bundle has no dump
 * @param entityCounts entities per type in the declarative section
 * @param createdAt when the snapshot was taken
 * @param nodeId the id of the node whose prefix was backed up, or null
 * @param encrypted whether the stored files are encrypted
 * @param sha256 SHA-256 (hex) of every stored file's bytes, by path relative to the bundle
 */
public record Manifest(int format, String silverbackVersion, String schemaLevel, String postgresVersion, String mode,
    String dumpMethod, Map<String, Integer> entityCounts, Instant createdAt, String nodeId, boolean encrypted,
    Map<String, String> sha256) {
  /** The bundle format this Silverback writes, and the newest it reads. */
  public static final int FORMAT = 1;

  /** Copies the maps. */
  public Manifest {
    entityCounts = Map.copyOf(entityCounts);
    sha256 = Map.copyOf(sha256);
  }

  /** All entities in the declarative section. */
  public int totalEntities() {
    return entityCounts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether the bundle stores files of {@code section} ({@code database}, {@code declarative}, ...). */
  public boolean hasSection(String section) {
    return sha256.keySet().stream().anyMatch(path -> path.startsWith(section + "/"));
  }
}
