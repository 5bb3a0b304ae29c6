package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupDirectoryTest {
  @TempDir
  Path dir;

  @Test
  void listsCompleteBundlesNewestFirst() {
    Path old = Bundles.write(dir, Bundles.CREATED, null, false).path();
    Path newer = Bundles.write(dir, Bundles.CREATED.plus(Duration.ofHours(1)), null, true).path();

    BackupDirectory.Listing listing = new BackupDirectory(dir).list();

    assertThat(listing.complete()).extracting(BackupDirectory.Entry::path).containsExactly(newer, old);
    assertThat(listing.complete().get(0).bytes()).isPositive();
    assertThat(listing.incomplete()).isEmpty();
  }

  @Test
  void neverListsAPartialBundleAsComplete() throws Exception {
    BundleWriter writer = BundleWriter.start(dir, Bundles.CREATED, null, false, Bundles.CHEAP_KDF);
    writer.add("database", "toc.dat", out -> out.write(Bundles.dump()));
    Files.writeString(dir.resolve("silverback-backup-20261125T213000Z-abcdef"), "not a bundle");
    Files.createDirectory(dir.resolve("silverback-backup-20261125T213001Z-abcdef"));

    BackupDirectory.Listing listing = new BackupDirectory(dir).list();

    assertThat(listing.complete()).isEmpty();
    assertThat(listing.incomplete()).extracting(i -> i.path().getFileName().toString())
        .containsExactlyInAnyOrder("." + writer.name() + ".partial", "silverback-backup-20261125T213000Z-abcdef",
            "silverback-backup-20261125T213001Z-abcdef");
    writer.close();
    assertThat(new BackupDirectory(dir).list().incomplete()).hasSize(2);
  }

  @Test
  void pruneKeepsTheNewestAndLeavesPartialsAlone() throws Exception {
    for (int i = 0; i < 5; i++) {
      Bundles.write(dir, Bundles.CREATED.plus(Duration.ofMinutes(i)), null, i % 2 == 0);
    }
    Path partial = Files.createDirectory(dir.resolve(".silverback-backup-20261125T220000Z-000000.partial"));
    BackupDirectory backups = new BackupDirectory(dir);
    var newest = backups.list().complete().subList(0, 2);

    var deleted = backups.prune(2);

    assertThat(deleted).hasSize(3);
    assertThat(backups.list().complete()).isEqualTo(newest);
    assertThat(partial).exists();
  }

  @Test
  void prunePartialDeletesOnlyLeftoversUnwrittenForAnHourAndNeverABundle() throws Exception {
    Bundles.write(dir, null, false);
    Path stale = Files.createDirectory(dir.resolve(".silverback-backup-20261125T220000Z-000000.partial"));
    Path staleFile = Files.writeString(stale.resolve("toc.dat.zst"), "x");
    Path fresh = Files.writeString(dir.resolve(".silverback-backup-20261125T230000Z-111111.sbk.partial"), "x");
    Instant now = Instant.now();
    FileTime twoHoursAgo = FileTime.from(now.minus(Duration.ofHours(2)));
    Files.setLastModifiedTime(staleFile, twoHoursAgo);
    Files.setLastModifiedTime(stale, twoHoursAgo);
    BackupDirectory backups = new BackupDirectory(dir);
    assertThat(backups.list().incomplete()).extracting(i -> i.stale(now)).containsExactlyInAnyOrder(true, false);

    var deleted = backups.prunePartial(now.minus(BackupDirectory.STALE));

    assertThat(deleted).extracting(BackupDirectory.Incomplete::path).containsExactly(stale);
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(backups.prunePartial(Instant.now().plusSeconds(1))).hasSize(1);
    assertThat(fresh).doesNotExist();
    assertThat(backups.list().complete()).hasSize(1);
    assertThat(backups.list().incomplete()).isEmpty();
  }

  @Test
  void aMissingDirectoryIsEmpty() {
    assertThat(new BackupDirectory(dir.resolve("none")).list().complete()).isEmpty();
  }
}
