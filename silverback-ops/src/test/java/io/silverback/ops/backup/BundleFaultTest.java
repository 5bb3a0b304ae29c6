package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleFaultTest {
  private static final Secret SECRET = Secret.ofPassphrase("s3cret".toCharArray());

  @TempDir
  Path dir;

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void namesEveryFileWhoseBitIsFlipped(boolean encrypted) throws Exception {
    Path path = Bundles.write(dir, encrypted ? SECRET : null, false).path();

    for (String stored : storedFiles(path)) {
      long length = Files.size(path.resolve(stored));
      for (long offset : List.of(0L, length / 2, length - 1)) {
        flip(path.resolve(stored), offset);
        try (Bundle bundle = Bundle.open(path, encrypted ? SECRET : null)) {
          assertThatThrownBy(bundle::verify).as(stored + " at " + offset)
              .isInstanceOf(BackupException.class)
              .hasMessageContaining("file " + stored + " fails its SHA-256 check");
        }
        flip(path.resolve(stored), offset);
      }
    }
    try (Bundle bundle = Bundle.open(path, encrypted ? SECRET : null)) {
      bundle.verify();
    }
  }

  @Test
  void findsAFlippedBitInsideAnArchive() throws Exception {
    Path archive = Bundles.write(dir, null, true).path();
    flip(archive, Files.size(archive) / 2);

    try (Bundle bundle = Bundle.open(archive, null)) {
      assertThatThrownBy(bundle::verify).hasMessageContaining("fails its SHA-256 check");
    }
  }

  @Test
  void refusesToExtractAFileThatFailsItsChecksum() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    flip(path.resolve("declarative/kong.yml.zst"), 3);

    try (Bundle bundle = Bundle.open(path, null)) {
      assertThatThrownBy(() -> bundle.extract("declarative", dir.resolve("out")))
          .hasMessageContaining("file declarative/kong.yml.zst fails its SHA-256 check");
    }
  }

  @ParameterizedTest(name = "encrypted={0}")
  @ValueSource(booleans = {false, true})
  void namesATruncatedFile(boolean encrypted) throws Exception {
    Path path = Bundles.write(dir, encrypted ? SECRET : null, false).path();
    Path dump = path.resolve(encrypted ? "database/toc.dat.zst.enc" : "database/toc.dat.zst");
    truncate(dump, Files.size(dump) / 2);

    try (Bundle bundle = Bundle.open(path, encrypted ? SECRET : null)) {
      assertThatThrownBy(bundle::verify).hasMessageContaining("file " + path.relativize(dump) + " fails its SHA-256 check");
    }
  }

  @Test
  void refusesAnEncryptedBundleWhoseManifestWasRewritten() throws Exception {
    Path path = Bundles.write(dir, SECRET, false).path();
    Path dump = path.resolve("database/toc.dat.zst.enc");
    long oneChunk = ChunkedGcm.MAGIC.length + ChunkedGcm.SALT + BundleWriter.CHUNK_SIZE + ChunkedGcm.TAG;
    assertThat(Files.size(dump)).isGreaterThan(oneChunk);
    truncate(dump, oneChunk);
    rewriteChecksum(path, "database/toc.dat.zst.enc", dump);

    try (Bundle bundle = Bundle.open(path, null)) {
      bundle.verify();
    }
    assertThatThrownBy(() -> Bundle.open(path, SECRET)).hasMessageContaining("manifest.json was changed");
  }

  @Test
  void refusesATruncatedArchive() throws Exception {
    Path archive = Bundles.write(dir, null, true).path();
    truncate(archive, Files.size(archive) / 2);

    assertThatThrownBy(() -> {
      try (Bundle bundle = Bundle.open(archive, null)) {
        bundle.verify();
      }
    }).isInstanceOf(BackupException.class).hasMessageContaining(archive.toString());
  }

  @Test
  void refusesABundleOfANewerFormatNamingBothVersions() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    Path manifest = path.resolve("manifest.json");
    String json = Files.readString(manifest).replace("\"format\" : 1", "\"format\" : 7")
        .replace("\"silverback_version\" : \"development\"", "\"silverback_version\" : \"9.1.0\"");
    Files.writeString(manifest, json);

    assertThatThrownBy(() -> Bundle.open(path, null))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("format 7")
        .hasMessageContaining("Silverback 9.1.0")
        .hasMessageContaining("this Silverback (development) reads bundle formats up to 1");
  }

  @Test
  void refusesADirectoryWithoutAManifest() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    Files.delete(path.resolve("manifest.json"));

    assertThatThrownBy(() -> Bundle.open(path, null)).hasMessageContaining("has no manifest.json");
  }

  @Test
  void refusesAManifestThatPointsOutsideTheBundle() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    Path manifest = path.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"prefix/ssl/server.key.zst\"", "\"prefix/../../evil.zst\""));

    assertThatThrownBy(() -> Bundle.open(path, null)).hasMessageContaining("unsafe path");
  }

  @Test
  void reportsAMissingFile() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    Files.delete(path.resolve("keyring/keyring.json.zst"));

    try (Bundle bundle = Bundle.open(path, null)) {
      assertThatThrownBy(bundle::verify).hasMessageContaining("file keyring/keyring.json.zst is missing");
    }
  }

  @Test
  void reportsAFileTheManifestDoesNotList() throws Exception {
    Path path = Bundles.write(dir, null, false).path();
    Files.writeString(path.resolve("database/extra.sql"), "DROP TABLE services;");

    try (Bundle bundle = Bundle.open(path, null)) {
      assertThatThrownBy(bundle::verify).hasMessageContaining("file database/extra.sql is not in the manifest");
    }
  }

  private static List<String> storedFiles(Path bundle) throws IOException {
    try (Stream<Path> walk = Files.walk(bundle)) {
      return walk.filter(Files::isRegularFile).map(p -> bundle.relativize(p).toString())
          .filter(p -> !p.startsWith("manifest.")).sorted().toList();
    }
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x10);
    }
  }

  private static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(length);
    }
  }

  private static void rewriteChecksum(Path bundle, String stored, Path file) throws Exception {
    String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    Path manifest = bundle.resolve("manifest.json");
    String json = Files.readString(manifest, StandardCharsets.UTF_8)
        .replaceAll("(\"" + java.util.regex.Pattern.quote(stored) + "\" : \")[0-9a-f]+", "$1" + hex);
    Files.writeString(manifest, json);
  }
}
