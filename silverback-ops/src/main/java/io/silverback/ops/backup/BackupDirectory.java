package io.silverback.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of bundles ({@code backup_dir}, by default {@code <prefix>/backups}): what is in it,
 * and pruning the oldest. A bundle counts as complete only when it has a finished name and a
 * manifest that reads; {@code .partial} leftovers of an interrupted backup and anything unreadable
 * are reported apart and never counted, kept or deleted as bundles. A {@code .partial} entry last
 * written more than {@link #STALE} ago is the leftover of a killed backup (a running one writes
 * every few seconds); {@link #prunePartial} deletes such leftovers.
 */
public final class BackupDirectory {
  /** How long a {@code .partial} entry must have gone unwritten to count as a killed backup's leftover. */
  public static final Duration STALE = Duration.ofHours(1);

  private final Path dir;

  public BackupDirectory(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * A complete bundle.
   *
   * @param path its directory or archive
   * @param manifest its manifest
   * @param bytes the bytes it takes on disk
   */
  public record Entry(Path path, Manifest manifest, long bytes) {}

  /**
   * Something in the directory that is not a complete bundle.
   *
   * @param path the file or directory
   * @param reason why it does not count
   * @param partial whether it is a {@code .partial} entry (an interrupted or running backup)
   * @param lastWritten when anything in it was last written
   */
  public record Incomplete(Path path, String reason, boolean partial, Instant lastWritten) {
    /** Whether it is a {@code .partial} entry unwritten for {@link #STALE} before {@code now}. */
    public boolean stale(Instant now) {
      return partial && lastWritten.isBefore(now.minus(STALE));
    }
  }

  /**
   * The directory's contents.
   *
   * @param complete complete bundles, newest first
   * @param incomplete unfinished or unreadable ones
   */
  public record Listing(List<Entry> complete, List<Incomplete> incomplete) {}

  public Path path() {
    return dir;
  }

  /**
   * Lists the directory; a missing directory is empty.
   *
   * @throws BackupException when it cannot be read
   */
  public Listing list() {
    List<Entry> complete = new ArrayList<>();
    List<Incomplete> incomplete = new ArrayList<>();
    for (Path path : children()) {
      String name = path.getFileName().toString();
      if (name.startsWith(".") && name.endsWith(Layout.PARTIAL)) {
        incomplete.add(new Incomplete(path, "unfinished: a backup was interrupted while writing it, or is running",
            true, lastWritten(path)));
      } else if (Layout.isBundleName(name)) {
        try (Bundle bundle = Bundle.open(path, null)) {
          complete.add(new Entry(path, bundle.manifest(), size(path)));
        } catch (BackupException e) {
          incomplete.add(new Incomplete(path, e.getMessage(), false, lastWritten(path)));
        }
      }
    }
    complete.sort(Comparator.comparing((Entry e) -> e.manifest().createdAt()).reversed()
        .thenComparing(e -> e.path().getFileName().toString(), Comparator.reverseOrder()));
    return new Listing(List.copyOf(complete), List.copyOf(incomplete));
  }

  /**
   * Deletes complete bundles beyond the {@code keep} newest; leaves everything else alone.
   *
   * @return the deleted bundles
   * @throws IllegalArgumentException when {@code keep} is negative
   * @throws BackupException naming the bundle that could not be deleted
   */
  public List<Entry> prune(int keep) {
    if (keep < 0) {
      throw new IllegalArgumentException("--keep must be 0 or more, not " + keep);
    }
    List<Entry> complete = list().complete();
    List<Entry> deleted = new ArrayList<>();
    for (Entry entry : complete.subList(Math.min(keep, complete.size()), complete.size())) {
      try {
        Durable.delete(entry.path());
        deleted.add(entry);
      } catch (IOException e) {
        throw new BackupException("cannot delete bundle " + entry.path() + ": " + e.getMessage(), e);
      }
    }
    return deleted;
  }

  /**
   * Deletes the {@code .partial} entries last written before {@code cutoff}: with {@code now -}
   * {@link #STALE}, the leftovers of killed backups; with {@code now}, every one (the operator knows
   * no backup is running). Complete bundles and unreadable entries are left alone.
   *
   * @return the deleted entries
   * @throws BackupException naming the entry that could not be deleted
   */
  public List<Incomplete> prunePartial(Instant cutoff) {
    List<Incomplete> deleted = new ArrayList<>();
    for (Incomplete entry : list().incomplete()) {
      if (entry.partial() && entry.lastWritten().isBefore(cutoff)) {
        try {
          Durable.delete(entry.path());
          deleted.add(entry);
        } catch (IOException e) {
          throw new BackupException("cannot delete unfinished bundle " + entry.path() + ": " + e.getMessage(), e);
        }
      }
    }
    return deleted;
  }

  private List<Path> children() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new BackupException("cannot read backup directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest modification time of {@code path} and anything under it; now when it changes while
   * read (a running backup), so that it is never taken for a leftover.
   */
  private static Instant lastWritten(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.map(p -> p.toFile().lastModified()).max(Long::compare).map(Instant::ofEpochMilli).orElse(Instant.now());
    } catch (IOException | UncheckedIOException e) {
      return Instant.now();
    }
  }

  private static long size(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
