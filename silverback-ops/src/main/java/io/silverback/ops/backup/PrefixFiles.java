package io.silverback.ops.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node needs from its prefix to start again: the TLS material under {@code ssl/}, the
 * effective configuration {@code .silverback.conf} (whose secrets Silverback writes as {@code
 * ******} unless they are vault references, so they are not in the bundle either; the manifest
 * names them, {@link ConfSecrets}) and {@code node_id}. Not the pid file,
 * the logs or the embedded database's {@code pgdata} (the dump holds the data).
 */
final class PrefixFiles {
  static final String CONF = ".silverback.conf";
  static final String NODE_ID = "node_id";
  static final String SSL = "ssl";

  private PrefixFiles() {}

  /** Stores the prefix files that exist; returns the notes for the manifest. */
  static List<String> store(Path prefix, BundleWriter writer) {
    List<String> notes = new ArrayList<>();
    if (prefix == null || !Files.isDirectory(prefix)) {
      notes.add("prefix: no prefix directory" + (prefix == null ? "" : " at " + prefix) + "; nothing stored from it");
      return notes;
    }
    Path ssl = prefix.resolve(SSL);
    if (Files.isDirectory(ssl)) {
      writer.addTree("prefix", ssl, SSL);
    }
    for (String name : List.of(CONF, NODE_ID)) {
      if (Files.isRegularFile(prefix.resolve(name))) {
        writer.addFile("prefix", name, prefix.resolve(name));
      }
    }
    notes.addAll(ConfSecrets.read(prefix.resolve(CONF)).notes("prefix/" + CONF));
    return notes;
  }

  /** The node id kept in the prefix, if any. */
  static Optional<String> nodeId(Path prefix) {
    if (prefix == null) {
      return Optional.empty();
    }
    try {
      Path file = prefix.resolve(NODE_ID);
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
