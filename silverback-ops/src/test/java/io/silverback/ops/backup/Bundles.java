package io.silverback.ops.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small bundles for tests, with a cheap Argon2id so a test run stays fast. */
final class Bundles {
  static final KdfParams CHEAP_KDF = new KdfParams(1024, 1, 1, new byte[16]);
  static final Instant CREATED = Instant.parse("2026-11-25T21:30:00Z");

  private Bundles() {}

  /** A bundle with a 600 KB dump (several encrypted chunks), a declarative file, a keyring and a prefix. */
  static BundleWriter.Written write(Path dir, Secret secret, boolean archive) {
    return write(dir, CREATED, secret, archive);
  }

  static BundleWriter.Written write(Path dir, Instant createdAt, Secret secret, boolean archive) {
    try (BundleWriter writer = BundleWriter.start(dir, createdAt, secret, archive, CHEAP_KDF)) {
      writer.add("database", "toc.dat", out -> out.write(dump()));
      writer.add("database", "3001.dat", out -> out.write(new byte[0]));
      writer.add("declarative", "kong.yml", out -> out.write(declarative()));
      writer.add("keyring", "keyring.json", out -> out.write("[]\n".getBytes(StandardCharsets.UTF_8)));
      writer.add("prefix", "ssl/server.key", out -> out.write("-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8)));
      return writer.finish(facts());
    }
  }

  static BundleFacts facts() {
    return new BundleFacts("postgres", "1", "15.14", new DumpDetails("builtin", "silverback builtin COPY", null,
        Map.of("services", 2L)), Map.of("services", 2, "routes", 3), "6f1f3c1e-5c5a-4b7e-9a1e-0d2b3c4d5e6f",
        List.of("prefix/.silverback.conf holds secrets redacted"));
  }

  static byte[] dump() {
    byte[] bytes = new byte[600_000];
    new Random(1).nextBytes(bytes);
    for (int i = 0; i < bytes.length; i += 2) {
      bytes[i] = 'a';
    }
    return bytes;
  }

  static byte[] declarative() {
    return "_format_version: \"3.0\"\nservices:\n- name: a\n  url: http://a\n".getBytes(StandardCharsets.UTF_8);
  }
}
