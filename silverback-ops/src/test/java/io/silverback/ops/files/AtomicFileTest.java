package io.silverback.ops.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir
  Path dir;

  @Test
  void writesAnOwnerOnlyFileAndLeavesNoTemporaryFileBehind() throws IOException {
    Path target = dir.resolve("export.yml");
    AtomicFile.write(target, false, out -> out.write("a: 1\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(target)).isEqualTo("a: 1\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailingWriterLeavesTheOldFileAsItWasAndNoTemporaryFile() throws IOException {
    Path target = Files.writeString(dir.resolve("export.yml"), "old");
    assertThatThrownBy(() -> AtomicFile.write(target, true, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + target + ": disk full");
    assertThat(Files.readString(target)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void anExistingFileIsKeptWithoutOverwrite() throws IOException {
    Path target = Files.writeString(dir.resolve("export.yml"), "old");
    assertThatThrownBy(() -> AtomicFile.write(target, false, out -> out.write('x')))
        .isInstanceOf(AtomicFile.FileExistsException.class)
        .hasMessage(target + " already exists. Will not overwrite it (pass --force to replace it).");
    assertThat(Files.readString(target)).isEqualTo("old");
  }

  @Test
  void aMissingDirectoryIsNamedBeforeAnyWork() {
    Path target = dir.resolve("missing").resolve("export.yml");
    assertThatThrownBy(() -> AtomicFile.checkWritable(target, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write " + target + ": directory " + dir.resolve("missing") + " does not exist");
  }
}
