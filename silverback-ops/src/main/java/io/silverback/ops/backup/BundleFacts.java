package io.silverback.ops.backup;

import java.util.List;
import java.util.Map;

/**
 * What the creator of a bundle knows about its contents, for the manifest; the writer adds the
 * format, versions, time, encryption and checksums.
 *
 * @param mode {@code "postgres"} or {@code "off"}
 * @param schemaLevel the latest applied migration, or null without a database
 * @param postgresVersion the server version, or null without a database
 * @param dump how the dump was made, or null without one
 * @param entityCounts entities per type in the declarative section
 * @param nodeId the node id kept in the prefix, or null
 * @param notes what an operator should know about the contents
 */
public record BundleFacts(String mode, String schemaLevel, String postgresVersion, DumpDetails dump,
    Map<String, Integer> entityCounts, String nodeId, List<String> notes) {
  /** Copies the collections. */
  public BundleFacts {
    entityCounts = Map.copyOf(entityCounts);
    notes = List.copyOf(notes);
  }
}
