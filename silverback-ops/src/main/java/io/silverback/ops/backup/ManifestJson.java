package io.silverback.ops.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code manifest.json}: snake_case keys as Kong's files, sorted maps, pretty-printed for people. */
final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {}

  static byte[] write(ManifestFile file) {
    Manifest m = file.manifest();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", m.format());
    root.put("silverback_version", m.silverbackVersion());
    root.put("schema_level", m.schemaLevel());
    root.put("postgres_version", m.postgresVersion());
    root.put("mode", m.mode());
    root.put("created_at", m.createdAt().toString());
    root.put("node_id", m.nodeId());
    root.put("compression", "zstd");
    root.put("encrypted", m.encrypted());
    if (file.encryption() != null) {
      root.set("encryption", encryption(file.encryption()));
    }
    if (file.dump() != null) {
      ObjectNode dump = root.putObject("dump");
      dump.put("method", file.dump().method());
      dump.put("tool", file.dump().tool());
      dump.put("fallback_reason", file.dump().fallbackReason());
      dump.set("rows", JSON.valueToTree(new TreeMap<>(file.dump().rows())));
    }
    root.set("entity_counts", JSON.valueToTree(new TreeMap<>(m.entityCounts())));
    root.set("notes", JSON.valueToTree(file.notes()));
    root.set("sha256", JSON.valueToTree(new TreeMap<>(m.sha256())));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a manifest", e);
    }
  }

  private static ObjectNode encryption(Encryption e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("cipher", Encryption.CIPHER);
    node.put("key_source", e.keySource());
    node.put("chunk_size", e.chunkSize());
    node.put("key_check", e.keyCheck());
    if (e.kdf() != null) {
      ObjectNode kdf = node.putObject("kdf");
      kdf.put("algorithm", KdfParams.ALGORITHM);
      kdf.put("memory_kib", e.kdf().memoryKib());
      kdf.put("iterations", e.kdf().iterations());
      kdf.put("parallelism", e.kdf().parallelism());
      kdf.put("salt", e.kdf().saltBase64());
    }
    return node;
  }

  /**
   * Reads a manifest.
   *
   * @throws BackupException naming the bundle when it is not a manifest or is of a newer format
   */
  static ManifestFile read(byte[] bytes, String bundle) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new BackupException("bundle " + bundle + ": " + ManifestFile.NAME + " is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("format").isInt()) {
      throw new BackupException("bundle " + bundle + ": " + ManifestFile.NAME + " is not a Silverback backup manifest");
    }
    int format = root.get("format").asInt();
    if (format > Manifest.FORMAT) {
      throw new BackupException("bundle " + bundle + " has format " + format + " (written by Silverback "
          + text(root, "silverback_version") + "); this Silverback (" + SilverbackVersion.current()
          + ") reads bundle formats up to " + Manifest.FORMAT + ": restore it with Silverback "
          + text(root, "silverback_version") + " or newer");
    }
    try {
      if (text(root.path("dump"), "method") != null && text(root, "schema_level") == null) {
        throw new IllegalArgumentException("it holds a database dump but no schema_level");
      }
      Manifest manifest = new Manifest(format, text(root, "silverback_version"), text(root, "schema_level"),
          text(root, "postgres_version"), text(root, "mode"), text(root.path("dump"), "method"),
          ints(root.path("entity_counts")), Instant.parse(root.path("created_at").asText()), text(root, "node_id"),
          root.path("encrypted").asBoolean(), strings(root.path("sha256")));
      return new ManifestFile(manifest, encryption(root.get("encryption")), dump(root.get("dump")), notes(root.path("notes")));
    } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      throw new BackupException("bundle " + bundle + ": " + ManifestFile.NAME + " is incomplete or invalid: " + e.getMessage());
    }
  }

  private static Encryption encryption(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode kdf = node.get("kdf");
    KdfParams params = kdf == null || kdf.isNull() ? null : new KdfParams(kdf.get("memory_kib").asInt(),
        kdf.get("iterations").asInt(), kdf.get("parallelism").asInt(), Base64.getDecoder().decode(kdf.get("salt").asText()));
    int chunkSize = node.get("chunk_size").asInt();
    if (chunkSize < 1 || chunkSize > 16 << 20) {
      throw new IllegalArgumentException("chunk_size " + chunkSize + " is out of range");
    }
    return new Encryption(node.get("key_source").asText(), params, chunkSize, node.get("key_check").asText());
  }

  private static DumpDetails dump(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    node.path("rows").fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
    return new DumpDetails(text(node, "method"), text(node, "tool"), text(node, "fallback_reason"), rows);
  }

  private static List<String> notes(JsonNode node) {
    List<String> notes = new ArrayList<>();
    node.forEach(n -> notes.add(n.asText()));
    return notes;
  }

  private static Map<String, Integer> ints(JsonNode node) {
    Map<String, Integer> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asInt()));
    return map;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
