package io.silverback.ops.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/** Names inside and of a bundle. */
final class Layout {
  /** The sections, in the order they are written. */
  static final List<String> SECTIONS = List.of("database", "declarative", "keyring", "prefix");
  static final String PREFIX = "silverback-backup-";
  static final String ARCHIVE = ".sbk";
  static final String PARTIAL = ".partial";
  static final String COMPRESSED = ".zst";
  static final String ENCRYPTED = ".zst.enc";
  private static final Pattern NAME = Pattern.compile("silverback-backup-\\d{8}T\\d{6}Z-[0-9a-f]{6}(\\.sbk)?");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Layout() {}

  /** {@code silverback-backup-20261125T213000Z-1a2b3c}. */
  static String name(Instant createdAt, String shortId) {
    return PREFIX + STAMP.format(createdAt) + "-" + shortId;
  }

  /** Whether {@code fileName} is a finished bundle's name (a directory or an archive). */
  static boolean isBundleName(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  /** The stored path of {@code relative} in {@code section}. */
  static String stored(String section, String relative, boolean encrypted) {
    return section + "/" + relative + (encrypted ? ENCRYPTED : COMPRESSED);
  }

  /** The original relative path of a stored path, without its section and suffix. */
  static String original(String stored, String section) {
    String rest = stored.substring(section.length() + 1);
    if (rest.endsWith(ENCRYPTED)) {
      return rest.substring(0, rest.length() - ENCRYPTED.length());
    }
    return rest.substring(0, rest.length() - COMPRESSED.length());
  }

  /**
   * Checks a relative path from a manifest or a caller: forward slashes, no {@code ..}, not absolute.
   *
   * @throws IllegalArgumentException for a path that could leave the bundle
   */
  static String checkRelative(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")
        || List.of(path.split("/")).stream().anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
      throw new IllegalArgumentException("unsafe path in a bundle: '" + path + "'");
    }
    return path;
  }
}
