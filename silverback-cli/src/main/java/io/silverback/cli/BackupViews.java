package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.Manifest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the backup commands print bundles: one JSON shape for {@code --json}, short lines for people. */
final class BackupViews {
  private BackupViews() {}

  /** The backup directory: {@code option}, else {@code backup_dir}, else {@code <prefix>/backups}. */
  static Path backupDir(Path option, NodeConf conf) {
    if (option != null) {
      return option.toAbsolutePath();
    }
    String configured = conf.get("backup_dir");
    return configured.isEmpty() ? conf.prefix().resolve("backups") : Path.of(configured).toAbsolutePath();
  }

  /** The summary of one bundle, as JSON. */
  static ObjectNode summary(Path path, Manifest m, long bytes) {
    ObjectNode node = Json.object()
        .put("bundle", path.toString())
        .put("created_at", m.createdAt().toString())
        .put("format", m.format())
        .put("silverback_version", m.silverbackVersion())
        .put("mode", m.mode())
        .put("schema_level", m.schemaLevel())
        .put("postgres_version", m.postgresVersion())
        .put("dump_method", m.dumpMethod())
        .put("node_id", m.nodeId())
        .put("encrypted", m.encrypted())
        .put("entities", m.totalEntities())
        .put("bytes", bytes);
    ObjectNode counts = node.putObject("entity_counts");
    new TreeMap<>(m.entityCounts()).forEach(counts::put);
    return node;
  }

  /** {@code 12 (consumers 2, routes 4, services 3)}. */
  static String counts(Map<String, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return total + (counts.isEmpty() ? "" : " (" + new TreeMap<>(counts).entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
  }

  /** {@code 1.2 MB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
