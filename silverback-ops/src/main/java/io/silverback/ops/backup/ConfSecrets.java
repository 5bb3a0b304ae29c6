package io.silverback.ops.backup;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.VaultReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets of an effective configuration file ({@code key = value  # source} lines, as a node
 * writes {@code .silverback.conf}): the keys written as {@code ******}, whose values are not in the
 * bundle and must be entered again on a restore, and those kept as vault references, which need
 * nothing. The first list goes into the manifest's notes as one line starting {@value #REDACTED},
 * which {@link #redactedKeys} reads back for {@code backup restore} and {@code backup show}.
 *
 * @param redacted the keys written as {@code ******}
 * @param references the secret keys whose value is a vault reference, kept as written
 */
public record ConfSecrets(List<String> redacted, List<String> references) {
  /** How the manifest note listing the redacted keys starts. */
  public static final String REDACTED = "configuration values to enter again after a restore (redacted in the bundle): ";

  /** Reads {@code file}; a missing or unreadable file has no secrets. */
  static ConfSecrets read(Path file) {
    List<String> redacted = new ArrayList<>();
    List<String> references = new ArrayList<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int eq = line.indexOf(" = ");
          if (line.startsWith("#") || eq < 0) {
            continue;
          }
          String key = line.substring(0, eq).strip();
          int comment = line.indexOf("  # ", eq);
          String value = (comment < 0 ? line.substring(eq + 3) : line.substring(eq + 3, comment)).strip();
          if (value.equals(NodeConf.REDACTED)) {
            redacted.add(key);
          } else if (NodeConf.isSecret(key) && VaultReference.is(value)) {
            references.add(key);
          }
        }
      }
    } catch (IOException e) {
      return new ConfSecrets(List.of(), List.of());
    }
    return new ConfSecrets(List.copyOf(redacted), List.copyOf(references));
  }

  /** The manifest notes about {@code name}, the file's path in the bundle. */
  List<String> notes(String name) {
    List<String> notes = new ArrayList<>();
    notes.add(name + " is the effective configuration: secrets given as vault references ({vault://env/NAME}) are"
        + " kept as written" + (references.isEmpty() ? "" : " (" + String.join(", ", references) + ")")
        + "; other secrets are redacted as " + NodeConf.REDACTED);
    if (!redacted.isEmpty()) {
      notes.add(REDACTED + String.join(", ", redacted));
    }
    return notes;
  }

  /** The redacted keys a manifest's notes name, empty when none. */
  public static List<String> redactedKeys(List<String> notes) {
    Optional<String> note = notes.stream().filter(n -> n.startsWith(REDACTED)).findFirst();
    return note.map(n -> List.of(n.substring(REDACTED.length()).split(", "))).orElse(List.of());
  }
}
