package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full disk while a bundle is written, on a real 2 MiB tmpfs (needs root; skipped with a message
 * otherwise): a clear error naming the bundle, no bundle that looks complete, nothing left behind.
 */
class DiskFullTest {
  @TempDir
  Path dir;
  private Path small;
  private boolean mounted;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    small = Files.createDirectory(dir.resolve("small"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())
        .redirectErrorStream(true).start();
    boolean done = mount.waitFor(10, TimeUnit.SECONDS);
    String output = new String(mount.getInputStream().readAllBytes());
    mounted = done && mount.exitValue() == 0;
    assumeTrue(mounted, "cannot mount a 2 MiB tmpfs to fill (needs root): " + output.strip());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", small.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "archive={0}")
  @ValueSource(booleans = {false, true})
  void leavesNoCompleteLookingBundleAndSaysTheDiskIsFull(boolean archive) throws IOException {
    byte[] incompressible = new byte[3 << 20];
    new Random(7).nextBytes(incompressible);

    assertThatThrownBy(() -> {
      try (BundleWriter writer = BundleWriter.start(small, Bundles.CREATED, null, archive, Bundles.CHEAP_KDF)) {
        writer.add("database", "big.dat", out -> out.write(incompressible));
        writer.finish(Bundles.facts());
      }
    }).isInstanceOf(BackupException.class)
        .hasMessageContaining("database/big.dat.zst")
        .hasMessageContaining("No space left on device");

    assertThat(new BackupDirectory(small).list().complete()).isEmpty();
    try (Stream<Path> left = Files.list(small)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void fillsTheDiskWhilePackingAnArchiveAndLeavesNothing() throws IOException {
    byte[] incompressible = new byte[1200 << 10];
    new Random(8).nextBytes(incompressible);

    assertThatThrownBy(() -> {
      try (BundleWriter writer = BundleWriter.start(small, Bundles.CREATED, null, true, Bundles.CHEAP_KDF)) {
        writer.add("database", "big.dat", out -> out.write(incompressible));
        writer.finish(Bundles.facts());
      }
    }).isInstanceOf(BackupException.class).hasMessageContaining("cannot finish bundle").hasMessageContaining("No space left on device");

    assertThat(new BackupDirectory(small).list().complete()).isEmpty();
    try (Stream<Path> left = Files.list(small)) {
      assertThat(left).isEmpty();
    }
  }
}
