package io.silverback.gateway.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A node's id: a random UUID generated on the first start in a prefix and kept in {@code
 * <prefix>/node_id}, so that a node keeps its id across restarts (Kong keeps it in {@code
 * kong.id}). A file that does not hold a UUID is replaced by a new id.
 */
public final class NodeId {
  private NodeId() {}

  /**
   * The id kept in {@code prefix}, created when missing.
   *
   * @throws NodeException when the file cannot be read or written
   */
  public static String of(Path prefix) {
    Path file = prefix.resolve("node_id");
    try {
      if (Files.isRegularFile(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (isUuid(kept)) {
          return kept;
        }
      }
      String id = UUID.randomUUID().toString();
      AtomicWrite.write(file, id + "\n");
      return id;
    } catch (IOException e) {
      throw new NodeException("cannot keep the node id in " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
