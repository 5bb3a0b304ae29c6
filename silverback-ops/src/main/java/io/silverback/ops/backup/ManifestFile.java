package io.silverback.ops.backup;

import java.util.List;

/**
 * Everything {@code manifest.json} holds: the {@link Manifest} and the details that go with it.
 *
 * @param manifest the summary every reader needs
 * @param encryption how the files are encrypted, or null
 * @param dump how the dump was made, or null without one
 * @param notes what an operator should know about the contents (e.g. redacted secrets)
 */
public record ManifestFile(Manifest manifest, Encryption encryption, DumpDetails dump, List<String> notes) {
  /** The manifest's file name at the root of a bundle. */
  public static final String NAME = "manifest.json";
  /** The MAC of an encrypted bundle's manifest, beside it. */
  public static final String MAC = "manifest.mac";

  /** Copies the list. */
  public ManifestFile {
    notes = List.copyOf(notes);
  }

  /** The manifest as {@code manifest.json} holds it (pretty-printed JSON). */
  public byte[] toJson() {
    return ManifestJson.write(this);
  }
}
