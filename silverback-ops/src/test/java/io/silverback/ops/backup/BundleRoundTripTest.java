package io.silverback.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleRoundTripTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "archive={0}")
  @ValueSource(booleans = {false, true})
  void extractsWhatWasStored(boolean archive) throws Exception {
    Path path = Bundles.write(dir, null, archive).path();

    try (Bundle bundle = Bundle.open(path, null)) {
      bundle.verify();
      bundle.extract("database", dir.resolve("db"));
      bundle.extract("declarative", dir.resolve("decl"));
      assertThat(bundle.manifest().entityCounts()).containsEntry("routes", 3);
      assertThat(bundle.manifest().dumpMethod()).isEqualTo("builtin");
      assertThat(bundle.manifest().encrypted()).isFalse();
    }
    assertThat(Files.readAllBytes(dir.resolve("db/toc.dat"))).isEqualTo(Bundles.dump());
    assertThat(Files.readAllBytes(dir.resolve("db/3001.dat"))).isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("decl/kong.yml"))).isEqualTo(Bundles.declarative());
  }

  @ParameterizedTest(name = "archive={0}")
  @ValueSource(booleans = {false, true})
  void extractsAnEncryptedBundleWithItsPassphrase(boolean archive) throws Exception {
    Path path = Bundles.write(dir, Secret.ofPassphrase("correct horse".toCharArray()), archive).path();

    try (Bundle bundle = Bundle.open(path, Secret.ofPassphrase("correct horse".toCharArray()))) {
      bundle.verify();
      bundle.extract("database", dir.resolve("db"));
      assertThat(bundle.manifest().encrypted()).isTrue();
      assertThat(bundle.manifestFile().encryption().kdf().memoryKib()).isEqualTo(1024);
    }
    assertThat(Files.readAllBytes(dir.resolve("db/toc.dat"))).isEqualTo(Bundles.dump());
  }

  @Test
  void extractsABundleEncryptedWithAKeyFile() throws Exception {
    Path keyFile = dir.resolve("backup.key");
    Files.writeString(keyFile, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
    Path path = Bundles.write(dir.resolve("b"), Secret.ofKeyFile(keyFile), false).path();

    try (Bundle bundle = Bundle.open(path, Secret.ofKeyFile(keyFile))) {
      bundle.verify();
      bundle.extract("declarative", dir.resolve("decl"));
    }
    assertThat(Files.readAllBytes(dir.resolve("decl/kong.yml"))).isEqualTo(Bundles.declarative());
  }

  @Test
  void refusesTheWrongPassphraseClearly() {
    Path path = Bundles.write(dir, Secret.ofPassphrase("right".toCharArray()), false).path();

    assertThatThrownBy(() -> Bundle.open(path, Secret.ofPassphrase("wrong".toCharArray())))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("wrong passphrase");
  }

  @Test
  void refusesToExtractAnEncryptedBundleWithoutItsSecret() {
    Path path = Bundles.write(dir, Secret.ofPassphrase("right".toCharArray()), false).path();

    try (Bundle bundle = Bundle.open(path, null)) {
      bundle.verify();
      assertThatThrownBy(() -> bundle.extract("database", dir.resolve("db")))
          .hasMessageContaining("is encrypted: give its passphrase or key file");
    }
  }

  @Test
  void writesOwnerOnlyFilesAndDirectories() throws Exception {
    Path path = Bundles.write(dir, null, false).path();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
    try (Stream<Path> walk = Files.walk(path)) {
      walk.forEach(p -> {
        String mode = uncheckedPermissions(p);
        assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
      });
    }
    Path archive = Bundles.write(dir, null, true).path();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
  }

  @Test
  void namesBundlesByUtcTimeAndLeavesNoPartialBehind() throws Exception {
    Path path = Bundles.write(dir, null, true).path();

    assertThat(path.getFileName().toString()).matches("silverback-backup-20261125T213000Z-[0-9a-f]{6}\\.sbk");
    try (Stream<Path> list = Files.list(dir)) {
      assertThat(list).containsExactly(path);
    }
  }

  @Test
  void storesTheManifestAsReadableJson() throws Exception {
    Path path = Bundles.write(dir, null, false).path();

    String json = Files.readString(path.resolve("manifest.json"), StandardCharsets.UTF_8);
    assertThat(json).contains("\"format\" : 1", "\"schema_level\" : \"1\"", "\"postgres_version\" : \"15.14\"",
        "\"database/toc.dat.zst\" : \"", "\"node_id\" : \"6f1f3c1e");
  }

  private static String uncheckedPermissions(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
