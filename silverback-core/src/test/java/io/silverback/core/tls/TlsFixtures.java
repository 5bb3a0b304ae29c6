package io.silverback.core.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the openssl-generated fixtures under {@code src/test/resources/tls}. */
final class TlsFixtures {
  private TlsFixtures() {}

  static String read(String name) {
    try (var in = TlsFixtures.class.getResourceAsStream("/tls/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture tls/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
