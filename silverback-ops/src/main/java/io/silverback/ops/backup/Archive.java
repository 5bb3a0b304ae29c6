package io.silverback.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The {@code .sbk} archive: a POSIX tar of a bundle directory, manifest first (so {@code list}
 * reads it without scanning the archive). The files in it are already compressed, so the tar is not.
 */
final class Archive {
  private Archive() {}

  /** Packs {@code dir} into {@code backupDir/fileName} through a {@code .partial} file and a rename. */
  static Path pack(Path dir, Path backupDir, String fileName) throws IOException {
    Path partial = backupDir.resolve("." + fileName + Layout.PARTIAL);
    Path target = backupDir.resolve(fileName);
    try (FileChannel ch = Durable.createFile(partial)) {
      OutputStream out = Channels.newOutputStream(ch);
      TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path file : entries(dir)) {
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), dir.relativize(file).toString().replace('\\', '/'));
        entry.setMode(0600);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
      out.flush();
      ch.force(true);
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(backupDir);
    return target;
  }

  private static List<Path> entries(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(dir.resolve(ManifestFile.NAME));
    if (Files.exists(dir.resolve(ManifestFile.MAC))) {
      files.add(dir.resolve(ManifestFile.MAC));
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).filter(f -> !files.contains(f)).sorted().forEach(files::add);
    }
    return files;
  }
}
